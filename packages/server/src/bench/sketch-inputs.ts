/**
 * Inputs for the sketch benchmark: 36-character UUID-shaped ids from a seeded PRNG, the same for our
 * sketch, Redis and the peer library, so every figure is reproducible from its seed. Ids within a trial
 * are distinct by construction (a counter fills the last group); the trial's seed fills the rest.
 */

/** mulberry32: small, fast, seeded uniform uint32 generator. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * xoshiro128**: 128-bit state, so long independent streams (a 32-bit-state generator has one cycle of
 * 2^32 values, which hundreds of 10-million-value trials would wrap around and overlap). Seeded through
 * splitmix32 from two integers (e.g. cardinality and trial number).
 */
export function xoshiro128(seedA: number, seedB: number): () => number {
  let x = (seedA ^ Math.imul(seedB, 0x9e3779b9)) >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix() ^ seedB;
  let b = splitmix();
  let c = splitmix() ^ seedA;
  let d = splitmix() | 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(v: number): string {
  return BYTE_HEX[v >>> 24] + BYTE_HEX[(v >>> 16) & 255] + BYTE_HEX[(v >>> 8) & 255] + BYTE_HEX[v & 255];
}

/** Generates the distinct ids of one trial, in order. */
export class TrialIds {
  private readonly prefix: string;

  constructor(seed: number) {
    const next = mulberry32(seed);
    const a = hex32(next());
    const b = hex32(next());
    const c = hex32(next());
    // xxxxxxxx-xxxx-4xxx-yxxx- : the fixed 24 characters of this trial's ids.
    this.prefix = `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${BYTE_HEX[0x80 | (next() & 0x3f)]}${c.slice(0, 2)}-`;
  }

  /** The i-th id (i < 2^48): prefix + 12 hex digits of i. */
  id(i: number): string {
    const hi = Math.floor(i / 4294967296);
    return this.prefix + BYTE_HEX[(hi >>> 8) & 255] + BYTE_HEX[hi & 255] + hex32(i >>> 0);
  }

  /** Fills `out` with ids start .. start + out.length - 1 (flattened, as ids parsed from a request are). */
  fill(out: string[], start: number, count: number): void {
    for (let k = 0; k < count; k++) out[k] = flat(this.id(start + k));
  }
}

/**
 * Concatenation gives V8 rope strings; the first character read flattens them, which would be billed to
 * whichever sketch reads first. Ids arriving from a parser are flat, so flatten here, outside timing.
 */
export function flat(s: string): string {
  // V8 flattens a rope in place on the first charCodeAt.
  void s.charCodeAt(0);
  return s;
}
