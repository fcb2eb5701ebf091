/**
 * Redis's HyperLogLog string layout, read and written byte for byte:
 *
 *   0..3  "HYLL"            4      encoding: 0 = dense, 1 = sparse
 *   5     precision (ours)  6..7   zero
 *   8..15 cached cardinality, little endian; the top bit of byte 15 set = "not cached"
 *   16..  dense: m 6-bit registers packed LSB first (3 bytes per 4 registers)
 *         sparse: opcodes ZERO 00xxxxxx (1..64 zero registers), XZERO 01xxxxxx yyyyyyyy
 *                 (1..16384 zero registers), VAL 1vvvvvxx (1..4 registers of value 1..32)
 *
 * Redis leaves byte 5 at zero and only knows p = 14. For other precisions we write p there and keep
 * every other rule, so a p = 14 sketch is exactly a Redis value and other precisions are self-describing.
 * The sparse encoding we emit is the shortest one (runs merged), which Redis reads like its own.
 */
import { SketchFormatError } from './sketch-format-error.js';

export const HEADER_SIZE = 16;
export const ENCODING_DENSE = 0;
export const ENCODING_SPARSE = 1;
export const REDIS_PRECISION = 14;
export const MIN_PRECISION = 4;
export const MAX_PRECISION = 18;
/** Redis's default hll-sparse-max-bytes: past this (header included) Redis switches a key to dense. */
export const SPARSE_MAX_BYTES = 3000;
/** Largest register value a VAL opcode can hold; a larger register forces the dense encoding. */
export const SPARSE_VAL_MAX = 32;

const ZERO_MAX = 64;
const XZERO_MAX = 16384;
const VAL_RUN_MAX = 4;

export function denseSize(p: number): number {
  return HEADER_SIZE + ((1 << p) * 3) / 4;
}

/** Writes the 16-byte header. `cached` < 0 marks the cardinality as not cached. */
export function writeHeader(out: Uint8Array, encoding: number, p: number, cached: number): void {
  out[0] = 0x48; // H
  out[1] = 0x59; // Y
  out[2] = 0x4c; // L
  out[3] = 0x4c; // L
  out[4] = encoding;
  out[5] = p === REDIS_PRECISION ? 0 : p;
  if (cached < 0) {
    out[15] = 0x80;
    return;
  }
  let v = cached;
  for (let i = 8; i < 16; i++) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
}

/** Packs one-byte-per-register `regs` into 6-bit registers after the header. */
export function writeDense(out: Uint8Array, regs: Uint8Array): void {
  let o = HEADER_SIZE;
  for (let i = 0; i < regs.length; i += 4) {
    const r1 = regs[i + 1];
    const r2 = regs[i + 2];
    out[o] = regs[i] | (r1 << 6);
    out[o + 1] = (r1 >>> 2) | (r2 << 4);
    out[o + 2] = (r2 >>> 4) | (regs[i + 3] << 2);
    o += 3;
  }
}

/** Unpacks 6-bit registers into one byte per register; rejects values no hash can produce. */
export function readDense(bytes: Uint8Array, regs: Uint8Array, maxValue: number): void {
  let o = HEADER_SIZE;
  let seen = 0;
  for (let i = 0; i < regs.length; i += 4) {
    const b0 = bytes[o];
    const b1 = bytes[o + 1];
    const b2 = bytes[o + 2];
    const r0 = b0 & 63;
    const r1 = ((b0 >>> 6) | (b1 << 2)) & 63;
    const r2 = ((b1 >>> 4) | (b2 << 4)) & 63;
    const r3 = b2 >>> 2;
    regs[i] = r0;
    regs[i + 1] = r1;
    regs[i + 2] = r2;
    regs[i + 3] = r3;
    seen = Math.max(seen, r0, r1, r2, r3);
    o += 3;
  }
  if (seen > maxValue) {
    throw new SketchFormatError('bad_register', `dense register value ${seen} exceeds the maximum ${maxValue}`);
  }
}

/**
 * Length of the shortest sparse encoding (header included) of the registers listed in `entries`
 * ((index << 6) | value, sorted by index, values > 0), or -1 when a value exceeds SPARSE_VAL_MAX.
 * Stops early, returning a value > `limit`, once the encoding is known to exceed `limit`.
 */
export function sparseLength(entries: Uint32Array, count: number, m: number, limit: number): number {
  return encodeSparse(entries, count, m, null, limit);
}

/** Writes the sparse opcodes after the header; `out` must have sparseLength(...) bytes. */
export function writeSparse(out: Uint8Array, entries: Uint32Array, count: number, m: number): void {
  encodeSparse(entries, count, m, out, Infinity);
}

function encodeSparse(entries: Uint32Array, count: number, m: number, out: Uint8Array | null, limit: number): number {
  let o = HEADER_SIZE;
  let next = 0; // first register not yet encoded
  let i = 0;
  while (i < count) {
    const e = entries[i];
    const index = e >>> 6;
    const value = e & 63;
    if (value > SPARSE_VAL_MAX) return -1;
    o = encodeZeros(out, o, index - next);
    // A run of consecutive registers with the same value shares one VAL opcode (up to 4 registers).
    let run = 1;
    while (run < VAL_RUN_MAX && i + run < count && entries[i + run] === e + (run << 6)) run++;
    if (out !== null) out[o] = 0x80 | ((value - 1) << 2) | (run - 1);
    o++;
    i += run;
    next = index + run;
    if (o > limit) return o;
  }
  return encodeZeros(out, o, m - next);
}

function encodeZeros(out: Uint8Array | null, o: number, n: number): number {
  while (n > 0) {
    if (n <= ZERO_MAX) {
      if (out !== null) out[o] = n - 1;
      return o + 1;
    }
    const len = Math.min(n, XZERO_MAX);
    if (out !== null) {
      out[o] = 0x40 | ((len - 1) >>> 8);
      out[o + 1] = (len - 1) & 0xff;
    }
    o += 2;
    n -= len;
  }
  return o;
}

/**
 * Decodes sparse opcodes into `set(index, value)` calls, checking every run against the m registers
 * so corrupted input can neither read past the bytes nor address a register that does not exist.
 */
export function readSparse(bytes: Uint8Array, m: number, set: (index: number, value: number) => void): void {
  let o = HEADER_SIZE;
  let index = 0;
  const end = bytes.length;
  while (o < end) {
    const b = bytes[o];
    let run: number;
    if ((b & 0xc0) === 0) {
      run = (b & 0x3f) + 1;
      o++;
    } else if ((b & 0xc0) === 0x40) {
      if (o + 1 >= end) throw new SketchFormatError('truncated', 'sparse XZERO opcode cut short');
      run = (((b & 0x3f) << 8) | bytes[o + 1]) + 1;
      o += 2;
    } else {
      run = (b & 3) + 1;
      const value = ((b >>> 2) & 0x1f) + 1;
      if (index + run > m) break;
      for (let k = 0; k < run; k++) set(index + k, value);
      o++;
    }
    index += run;
    if (index > m) break;
  }
  if (index !== m) {
    throw new SketchFormatError('bad_sparse', `sparse opcodes describe ${index} registers, expected ${m}`);
  }
  if (o !== end) throw new SketchFormatError('bad_sparse', 'sparse opcodes run past the register count');
}
