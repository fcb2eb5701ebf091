import { describe, expect, it } from 'vitest';
import { hash64 } from './murmur-hash64a.js';

/** MurmurHash64A written the obvious way with BigInt, as in Redis's C source: the oracle for the fast one. */
function reference(bytes: Uint8Array): bigint {
  const m = 0xc6a4a7935bd1e995n;
  const mask = (1n << 64n) - 1n;
  const len = bytes.length;
  let h = (0xadc83b19n ^ (BigInt(len) * m)) & mask;
  const end = len - (len & 7);
  let i = 0;
  for (; i < end; i += 8) {
    let k = 0n;
    for (let j = 7; j >= 0; j--) k = (k << 8n) | BigInt(bytes[i + j]);
    k = (k * m) & mask;
    k ^= k >> 47n;
    k = (k * m) & mask;
    h ^= k;
    h = (h * m) & mask;
  }
  const rest = len & 7;
  if (rest !== 0) {
    for (let j = rest - 1; j >= 0; j--) h ^= BigInt(bytes[i + j]) << BigInt(8 * j);
    h = (h * m) & mask;
  }
  h ^= h >> 47n;
  h = (h * m) & mask;
  h ^= h >> 47n;
  return h;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('hash64', () => {
  it('matches the BigInt reference for byte strings of every length up to 80', () => {
    const rnd = prng(1);
    for (let len = 0; len <= 80; len++) {
      for (let rep = 0; rep < 20; rep++) {
        const bytes = new Uint8Array(len);
        for (let i = 0; i < len; i++) bytes[i] = Math.floor(rnd() * 256);
        expect(hash64(bytes)).toBe(reference(bytes));
      }
    }
  });

  it('hashes a string as its UTF-8 bytes, ASCII or not', () => {
    const samples = [
      '',
      'a',
      'user-42',
      '6f1c2b7e-0d3a-4a8e-9b1f-3c2d4e5f6a7b',
      '사용자-한글',
      'émoji 🚀 ok',
      'x'.repeat(301),
    ];
    for (const s of samples) expect(hash64(s)).toBe(reference(new TextEncoder().encode(s)));
  });

  it('treats a lone surrogate like TextEncoder (U+FFFD)', () => {
    expect(hash64('a\ud800b')).toBe(reference(new TextEncoder().encode('a\ud800b')));
  });

  it('matches known Redis register placement for "hello" (index and run computed by Redis 7)', () => {
    // PFADD k hello, then GET k in redis-server 7.0 gives the sparse opcodes 63 ff | 80 | 5b fe:
    // XZERO(9216) VAL(value 1, run 1) XZERO(7167), so the low 14 bits are 9216 and bit 14 is set.
    const h = hash64('hello');
    expect(Number(h & 0x3fffn)).toBe(9216);
    expect((h >> 14n) & 1n).toBe(1n);
  });
});
