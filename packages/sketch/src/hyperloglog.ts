/**
 * HyperLogLog distinct counter, byte-compatible with Redis (PFADD/PFCOUNT/PFMERGE on the values
 * `toBytes()` produces and `fromBytes()` reads). Small sketches are sparse (a hash table of non-zero
 * registers), promoted to one byte per register once they grow; the count is cached until a register
 * changes, as Redis does.
 */
import { ertlEstimate } from './ertl-estimator.js';
import { HASH_OUT, hashBytes, hashString } from './murmur-hash64a.js';
import {
  ENCODING_DENSE,
  ENCODING_SPARSE,
  HEADER_SIZE,
  MAX_PRECISION,
  MIN_PRECISION,
  REDIS_PRECISION,
  SPARSE_MAX_BYTES,
  denseSize,
  readDense,
  readSparse,
  sparseLength,
  writeDense,
  writeHeader,
  writeSparse,
} from './redis-format.js';
import { SketchFormatError } from './sketch-format-error.js';
import { SparseRegisters } from './sparse-registers.js';

export interface HyperLogLogOptions {
  /** log2 of the register count, 4..18; default 14 (16384 registers, ±0.81 %), the only one Redis reads. */
  precision?: number;
}

const histogram = new Int32Array(64);

export class HyperLogLog {
  /** log2 of the number of registers. */
  readonly precision: number;
  private readonly m: number;
  private readonly mask: number;
  /** Promote to dense past this many non-zero registers: the sparse table would then cost about as much. */
  private readonly maxSparse: number;
  private dense: Uint8Array | null = null;
  private sparse: SparseRegisters | null;
  /** Cached count(), or -1 when a register changed since it was computed. */
  private cached = -1;

  constructor(options: HyperLogLogOptions = {}) {
    const p = options.precision ?? REDIS_PRECISION;
    if (!Number.isInteger(p) || p < MIN_PRECISION || p > MAX_PRECISION) {
      throw new SketchFormatError('bad_precision', `precision must be an integer from 4 to 18, got ${p}`);
    }
    this.precision = p;
    this.m = 1 << p;
    this.mask = this.m - 1;
    this.maxSparse = Math.floor((this.m * 3) / 32);
    this.sparse = new SparseRegisters();
  }

  /** Adds a value (strings are hashed as UTF-8, like Redis); true when a register changed. */
  add(value: string | Uint8Array): boolean {
    if (typeof value === 'string') hashString(value);
    else hashBytes(value);
    return this.addHash64(HASH_OUT[0], HASH_OUT[1]);
  }

  /**
   * Adds a value by its 64-bit MurmurHash64A (see `hash64`) given as high and low uint32 halves; the
   * low `precision` bits pick the register, the run of zeros above them sets its value.
   */
  addHash64(hi: number, lo: number): boolean {
    const p = this.precision;
    const index = lo & this.mask;
    const above = lo >>> p;
    let rho: number;
    if (above !== 0) rho = 32 - Math.clz32(above & -above);
    else if (hi !== 0) rho = 64 - p - Math.clz32(hi & -hi);
    else rho = 65 - p;
    const regs = this.dense;
    if (regs !== null) {
      if (regs[index] >= rho) return false;
      regs[index] = rho;
      this.cached = -1;
      return true;
    }
    return this.sparseSet(index, rho);
  }

  private sparseSet(index: number, value: number): boolean {
    const sparse = this.sparse as SparseRegisters;
    if (!sparse.set(index, value)) return false;
    this.cached = -1;
    if (sparse.size > this.maxSparse) this.promote();
    return true;
  }

  private promote(): void {
    const regs = new Uint8Array(this.m);
    const table = (this.sparse as SparseRegisters).table;
    for (let i = 0; i < table.length; i++) {
      const e = table[i];
      if (e !== 0) regs[e >>> 6] = e & 63;
    }
    this.dense = regs;
    this.sparse = null;
  }

  /** Estimated number of distinct values added (Ertl's improved estimator, the one Redis uses). */
  count(): number {
    if (this.cached >= 0) return this.cached;
    const h = histogram;
    h.fill(0);
    if (this.dense !== null) {
      const regs = this.dense;
      for (let i = 0; i < regs.length; i++) h[regs[i]]++;
    } else {
      const table = (this.sparse as SparseRegisters).table;
      let nonZero = 0;
      for (let i = 0; i < table.length; i++) {
        const e = table[i];
        if (e !== 0) {
          h[e & 63]++;
          nonZero++;
        }
      }
      h[0] = this.m - nonZero;
    }
    this.cached = ertlEstimate(h, this.m, 64 - this.precision);
    return this.cached;
  }

  /** Folds `other` into this sketch (register-wise maximum): afterwards it counts the union. */
  merge(other: HyperLogLog): this {
    if (other.precision !== this.precision) {
      throw new SketchFormatError(
        'precision_mismatch',
        `cannot merge a precision ${other.precision} sketch into a precision ${this.precision} one`,
      );
    }
    if (other.dense !== null) {
      if (this.dense === null) this.promote();
      if (maxInto(this.dense as Uint8Array, other.dense)) this.cached = -1;
      return this;
    }
    const table = (other.sparse as SparseRegisters).table;
    for (let i = 0; i < table.length; i++) {
      const e = table[i];
      if (e === 0) continue;
      const index = e >>> 6;
      const value = e & 63;
      if (this.dense !== null) {
        if (this.dense[index] < value) {
          this.dense[index] = value;
          this.cached = -1;
        }
      } else this.sparseSet(index, value);
    }
    return this;
  }

  clone(): HyperLogLog {
    const c = new HyperLogLog({ precision: this.precision });
    c.dense = this.dense === null ? null : this.dense.slice();
    c.sparse = this.sparse === null ? null : this.sparse.copy();
    c.cached = this.cached;
    return c;
  }

  /** 'sparse' while the in-memory form is the small hash table, 'dense' once promoted. */
  get encoding(): 'sparse' | 'dense' {
    return this.dense === null ? 'sparse' : 'dense';
  }

  /** Bytes `toBytes()` returns: sparse while that fits Redis's 3000-byte limit, else dense. */
  get sizeInBytes(): number {
    const sparseLen = this.sparseEncodedLength();
    return sparseLen > 0 ? sparseLen : denseSize(this.precision);
  }

  /** Approximate bytes the registers take in memory (sparse table or one byte per register). */
  get memoryBytes(): number {
    return this.dense !== null ? this.dense.byteLength : (this.sparse as SparseRegisters).table.byteLength;
  }

  /** Standard error of count() relative to the true cardinality: 1.04/√m (0.81 % at p = 14). */
  get relativeStandardError(): number {
    return 1.04 / Math.sqrt(this.m);
  }

  /** The Redis string value of this sketch (sparse when Redis would keep it sparse), count cached in it. */
  toBytes(): Uint8Array {
    const count = this.count();
    const entries = this.nonZeroEntries();
    const len = entries === null ? -1 : this.fitSparse(entries);
    if (entries !== null && len > 0) {
      const out = new Uint8Array(len);
      writeHeader(out, ENCODING_SPARSE, this.precision, count);
      writeSparse(out, entries, entries.length, this.m);
      return out;
    }
    const out = new Uint8Array(denseSize(this.precision));
    writeHeader(out, ENCODING_DENSE, this.precision, count);
    writeDense(out, this.dense ?? this.registers());
    return out;
  }

  /**
   * Reads a Redis HyperLogLog string value (or one of ours at another precision). The cached
   * cardinality in the header is ignored and recomputed, so a stale or forged cache cannot mislead.
   * Throws SketchFormatError for anything that is not a well-formed sketch.
   */
  static fromBytes(bytes: Uint8Array): HyperLogLog {
    if (!(bytes instanceof Uint8Array)) throw new SketchFormatError('bad_magic', 'expected a Uint8Array');
    if (bytes.length < HEADER_SIZE) {
      throw new SketchFormatError('truncated', `${bytes.length} bytes is shorter than the 16-byte header`);
    }
    if (bytes[0] !== 0x48 || bytes[1] !== 0x59 || bytes[2] !== 0x4c || bytes[3] !== 0x4c) {
      throw new SketchFormatError('bad_magic', 'not a HyperLogLog: the value does not start with "HYLL"');
    }
    const encoding = bytes[4];
    if (encoding !== ENCODING_DENSE && encoding !== ENCODING_SPARSE) {
      throw new SketchFormatError('bad_encoding', `unknown HyperLogLog encoding ${encoding}`);
    }
    const p = bytes[5] === 0 ? REDIS_PRECISION : bytes[5];
    if (p < MIN_PRECISION || p > MAX_PRECISION) {
      throw new SketchFormatError('bad_precision', `precision byte ${bytes[5]} is outside 4..18`);
    }
    const hll = new HyperLogLog({ precision: p });
    const maxValue = 65 - p;
    if (encoding === ENCODING_DENSE) {
      if (bytes.length !== denseSize(p)) {
        throw new SketchFormatError('bad_length', `dense precision-${p} sketch must be ${denseSize(p)} bytes`);
      }
      const regs = new Uint8Array(hll.m);
      readDense(bytes, regs, maxValue);
      hll.dense = regs;
      hll.sparse = null;
      return hll;
    }
    readSparse(bytes, hll.m, (index, value) => {
      if (hll.dense !== null) hll.dense[index] = value;
      else hll.sparseSet(index, value);
    });
    hll.cached = -1;
    return hll;
  }

  private registers(): Uint8Array {
    const regs = new Uint8Array(this.m);
    const table = (this.sparse as SparseRegisters).table;
    for (let i = 0; i < table.length; i++) if (table[i] !== 0) regs[table[i] >>> 6] = table[i] & 63;
    return regs;
  }

  /** Sorted (index << 6 | value) of the non-zero registers, or null when there are too many for sparse. */
  private nonZeroEntries(): Uint32Array | null {
    if (this.sparse !== null) return this.sparse.sorted();
    // Each VAL opcode covers at most 4 registers, so more than 4 × the byte limit cannot fit.
    const cap = 4 * SPARSE_MAX_BYTES;
    const regs = this.dense as Uint8Array;
    const out = new Uint32Array(Math.min(cap, this.m));
    let n = 0;
    for (let i = 0; i < regs.length; i++) {
      if (regs[i] === 0) continue;
      if (n === out.length) return null;
      out[n++] = (i << 6) | regs[i];
    }
    return out.subarray(0, n);
  }

  /** Sparse encoded length when it is allowed (≤ 3000 bytes and smaller than dense), else -1. */
  private fitSparse(entries: Uint32Array): number {
    const limit = Math.min(SPARSE_MAX_BYTES, denseSize(this.precision) - 1);
    const len = sparseLength(entries, entries.length, this.m, limit);
    return len > 0 && len <= limit ? len : -1;
  }

  private sparseEncodedLength(): number {
    const entries = this.nonZeroEntries();
    return entries === null ? -1 : this.fitSparse(entries);
  }
}

/** dst[i] = max(dst[i], src[i]) four registers at a time; returns whether dst changed. */
function maxInto(dst: Uint8Array, src: Uint8Array): boolean {
  const a = new Uint32Array(dst.buffer, dst.byteOffset, dst.length >>> 2);
  const b = new Uint32Array(src.buffer, src.byteOffset, src.length >>> 2);
  let changed = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] | 0;
    const y = b[i] | 0;
    // Registers are < 0x80, so setting each byte's top bit before subtracting keeps the lanes apart:
    // the top bit survives exactly where x ≥ y.
    const ge = (((x | 0x80808080) - y) & 0x80808080) >>> 7;
    const keepX = Math.imul(ge, 0xff);
    const r = (x & keepX) | (y & ~keepX);
    changed |= r ^ x;
    a[i] = r;
  }
  return changed !== 0;
}
