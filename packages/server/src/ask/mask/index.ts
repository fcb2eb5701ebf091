/** PII masking for everything the ask engine, reports and MCP let out of the system. */
export { maskText, findPii } from './mask-text.js';
export { maskStructured, type StructuredFinding } from './mask-structured.js';
export {
  MASK_LEVELS,
  PII_TYPES,
  maskOptionsSchema,
  type MaskFinding,
  type MaskLevel,
  type MaskOptions,
  type MaskResult,
  type PiiType,
} from './mask-types.js';
