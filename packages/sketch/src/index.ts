/**
 * @promptops/sketch: a HyperLogLog distinct counter that reads and writes Redis's own HyperLogLog
 * bytes, so sketches from many collectors can be merged by Redis (PFMERGE) or by this library.
 */
export { HyperLogLog } from './hyperloglog.js';
export type { HyperLogLogOptions } from './hyperloglog.js';
export { hash64 } from './murmur-hash64a.js';
export { SketchFormatError } from './sketch-format-error.js';
export type { SketchFormatReason } from './sketch-format-error.js';
