/**
 * A seeded PRNG (mulberry32) and id generator for the sketch tests, so every
 * accuracy figure and fuzz case is reproducible from its seed.
 */

/** Uniform uint32 values from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const HEX = '0123456789abcdef';

function hex(v: number, digits: number): string {
  let s = '';
  for (let i = digits - 1; i >= 0; i--) s += HEX[(v >>> (4 * i)) & 15];
  return s;
}

/**
 * The i-th 36-character UUID-shaped id of a trial: random-looking prefix from the trial's seed, and the
 * counter in the last group so ids within a trial are distinct by construction.
 */
export function uuidLike(prefix: string, i: number): string {
  return `${prefix}${hex(Math.floor(i / 2 ** 32), 4)}${hex(i >>> 0, 8)}`;
}

/** The 24-character "xxxxxxxx-xxxx-4xxx-xxxx-" prefix of a trial's ids. */
export function uuidPrefix(next: () => number): string {
  return `${hex(next(), 8)}-${hex(next(), 4)}-4${hex(next(), 3)}-${hex((next() & 0x3fff) | 0x8000, 4)}-`;
}
