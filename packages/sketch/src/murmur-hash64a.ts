/**
 * MurmurHash64A with Redis's seed (0xadc83b19), the hash Redis's PFADD applies to each element, so a
 * register we set is the register Redis would set. JavaScript has no fast 64-bit integers (BigInt
 * allocates), so the 64-bit state is kept as two 32-bit halves and each multiplication by the Murmur
 * constant m is written out in place: low half with Math.imul, high half from 16-bit partial products
 * (exact in doubles). A helper function for the multiply measured 4× slower (V8 does not keep its two
 * results in registers), hence the repetition. Nothing on the hot path allocates.
 *
 * The hot functions leave their result in `HASH_OUT` ([0] = high half, [1] = low half) instead of
 * returning an object, which would allocate once per element.
 */

const SEED = 0xadc83b19 | 0;
const M_HI = 0xc6a4a793 | 0;
const M_LO = 0x5bd1e995 | 0;
const M_LO_0 = 0xe995;
const M_LO_1 = 0x5bd1;
const TWO_POW_M16 = 1 / 65536;

/** Result of the last `hashString`/`hashBytes` call: [high 32 bits, low 32 bits] of the 64-bit hash. */
export const HASH_OUT = new Uint32Array(2);

// Reused UTF-8 buffer for non-ASCII strings (grown on demand, never shrunk).
const encoder = new TextEncoder();
let utf8 = new Uint8Array(256);

/** Hashes the UTF-8 bytes of `s` into HASH_OUT. ASCII strings are read straight from the string. */
export function hashString(s: string): void {
  const len = s.length;
  let t0: number, t1: number, hHi: number, hLo: number, kHi: number, kLo: number, nHi: number;
  // h = seed ^ (len * m)
  t0 = len & 0xffff;
  t1 = len >>> 16;
  hHi =
    (t1 * M_LO_1 +
      (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
      Math.imul(0, M_LO) +
      Math.imul(len, M_HI)) |
    0;
  hLo = Math.imul(len, M_LO);
  hLo ^= SEED;
  let seen = 0; // OR of every char code: a bit >= 0x80 means the string is not ASCII
  const end = len - (len & 7);
  let i = 0;
  for (; i < end; i += 8) {
    const c0 = s.charCodeAt(i + 0);
    const c1 = s.charCodeAt(i + 1);
    const c2 = s.charCodeAt(i + 2);
    const c3 = s.charCodeAt(i + 3);
    const c4 = s.charCodeAt(i + 4);
    const c5 = s.charCodeAt(i + 5);
    const c6 = s.charCodeAt(i + 6);
    const c7 = s.charCodeAt(i + 7);
    seen |= c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7;
    kLo = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
    kHi = c4 | (c5 << 8) | (c6 << 16) | (c7 << 24);
    // k *= m; k ^= k >> 47; k *= m
    t0 = kLo & 0xffff;
    t1 = kLo >>> 16;
    nHi =
      (t1 * M_LO_1 +
        (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
        Math.imul(kHi, M_LO) +
        Math.imul(kLo, M_HI)) |
      0;
    kLo = Math.imul(kLo, M_LO);
    kLo ^= nHi >>> 15;
    t0 = kLo & 0xffff;
    t1 = kLo >>> 16;
    kHi =
      (t1 * M_LO_1 +
        (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
        Math.imul(nHi, M_LO) +
        Math.imul(kLo, M_HI)) |
      0;
    kLo = Math.imul(kLo, M_LO);
    // h ^= k; h *= m
    hHi ^= kHi;
    hLo ^= kLo;
    t0 = hLo & 0xffff;
    t1 = hLo >>> 16;
    hHi =
      (t1 * M_LO_1 +
        (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
        Math.imul(hHi, M_LO) +
        Math.imul(hLo, M_HI)) |
      0;
    hLo = Math.imul(hLo, M_LO);
  }
  const rest = len & 7;
  if (rest !== 0) {
    for (let j = 0; j < rest; j++) {
      const c = s.charCodeAt(i + j);
      seen |= c;
      if (j < 4) hLo ^= c << (8 * j);
      else hHi ^= c << (8 * (j - 4));
    }
    t0 = hLo & 0xffff;
    t1 = hLo >>> 16;
    hHi =
      (t1 * M_LO_1 +
        (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
        Math.imul(hHi, M_LO) +
        Math.imul(hLo, M_HI)) |
      0;
    hLo = Math.imul(hLo, M_LO);
  }
  if (seen > 0x7f) {
    hashNonAscii(s);
    return;
  }
  // h ^= h >> 47; h *= m; h ^= h >> 47
  hLo ^= hHi >>> 15;
  t0 = hLo & 0xffff;
  t1 = hLo >>> 16;
  hHi =
    (t1 * M_LO_1 +
      (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
      Math.imul(hHi, M_LO) +
      Math.imul(hLo, M_HI)) |
    0;
  hLo = Math.imul(hLo, M_LO);
  HASH_OUT[0] = hHi;
  HASH_OUT[1] = hLo ^ (hHi >>> 15);
}

function hashNonAscii(s: string): void {
  // A UTF-16 code unit never takes more than 3 UTF-8 bytes.
  if (utf8.length < s.length * 3) utf8 = new Uint8Array(s.length * 3);
  const { written } = encoder.encodeInto(s, utf8);
  hashBytesRange(utf8, written);
}

/** Hashes `bytes` into HASH_OUT. */
export function hashBytes(bytes: Uint8Array): void {
  hashBytesRange(bytes, bytes.length);
}

function hashBytesRange(b: Uint8Array, len: number): void {
  let t0: number, t1: number, hHi: number, hLo: number, kHi: number, kLo: number, nHi: number;
  // h = seed ^ (len * m)
  t0 = len & 0xffff;
  t1 = len >>> 16;
  hHi =
    (t1 * M_LO_1 +
      (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
      Math.imul(0, M_LO) +
      Math.imul(len, M_HI)) |
    0;
  hLo = Math.imul(len, M_LO);
  hLo ^= SEED;
  const end = len - (len & 7);
  let i = 0;
  for (; i < end; i += 8) {
    kLo = b[i + 0] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24);
    kHi = b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24);
    // k *= m; k ^= k >> 47; k *= m
    t0 = kLo & 0xffff;
    t1 = kLo >>> 16;
    nHi =
      (t1 * M_LO_1 +
        (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
        Math.imul(kHi, M_LO) +
        Math.imul(kLo, M_HI)) |
      0;
    kLo = Math.imul(kLo, M_LO);
    kLo ^= nHi >>> 15;
    t0 = kLo & 0xffff;
    t1 = kLo >>> 16;
    kHi =
      (t1 * M_LO_1 +
        (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
        Math.imul(nHi, M_LO) +
        Math.imul(kLo, M_HI)) |
      0;
    kLo = Math.imul(kLo, M_LO);
    // h ^= k; h *= m
    hHi ^= kHi;
    hLo ^= kLo;
    t0 = hLo & 0xffff;
    t1 = hLo >>> 16;
    hHi =
      (t1 * M_LO_1 +
        (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
        Math.imul(hHi, M_LO) +
        Math.imul(hLo, M_HI)) |
      0;
    hLo = Math.imul(hLo, M_LO);
  }
  const rest = len & 7;
  if (rest !== 0) {
    for (let j = 0; j < rest; j++) {
      const c = b[i + j];
      if (j < 4) hLo ^= c << (8 * j);
      else hHi ^= c << (8 * (j - 4));
    }
    t0 = hLo & 0xffff;
    t1 = hLo >>> 16;
    hHi =
      (t1 * M_LO_1 +
        (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
        Math.imul(hHi, M_LO) +
        Math.imul(hLo, M_HI)) |
      0;
    hLo = Math.imul(hLo, M_LO);
  }
  // h ^= h >> 47; h *= m; h ^= h >> 47
  hLo ^= hHi >>> 15;
  t0 = hLo & 0xffff;
  t1 = hLo >>> 16;
  hHi =
    (t1 * M_LO_1 +
      (((t1 * M_LO_0 + t0 * M_LO_1 + ((t0 * M_LO_0) >>> 16)) * TWO_POW_M16) | 0) +
      Math.imul(hHi, M_LO) +
      Math.imul(hLo, M_HI)) |
    0;
  hLo = Math.imul(hLo, M_LO);
  HASH_OUT[0] = hHi;
  HASH_OUT[1] = hLo ^ (hHi >>> 15);
}

/**
 * The 64-bit MurmurHash64A (seed 0xadc83b19) of a string's UTF-8 bytes or of raw bytes, exactly as Redis
 * computes it for PFADD. Returns a BigInt for convenience; the sketch's own hot path never allocates one.
 */
export function hash64(value: string | Uint8Array): bigint {
  if (typeof value === 'string') hashString(value);
  else hashBytes(value);
  return (BigInt(HASH_OUT[0]) << 32n) | BigInt(HASH_OUT[1]);
}
