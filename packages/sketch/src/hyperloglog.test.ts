import { describe, expect, it } from 'vitest';
import { HyperLogLog, SketchFormatError, hash64 } from './index.js';
import { mulberry32, uuidLike, uuidPrefix } from '../test/seeded-ids.js';

function filled(n: number, seed: number, precision?: number): HyperLogLog {
  const h = new HyperLogLog({ precision });
  const prefix = uuidPrefix(mulberry32(seed));
  for (let i = 0; i < n; i++) h.add(uuidLike(prefix, i));
  return h;
}

describe('HyperLogLog', () => {
  it('counts small sets exactly and reports register changes', () => {
    const h = new HyperLogLog();
    expect(h.count()).toBe(0);
    expect(h.add('alice')).toBe(true);
    expect(h.add('alice')).toBe(false);
    expect(h.add(new TextEncoder().encode('alice'))).toBe(false);
    h.add('bob');
    h.add('carol');
    expect(h.count()).toBe(3);
  });

  it('addHash64 with the halves of hash64 is the same as add', () => {
    const a = new HyperLogLog();
    const b = new HyperLogLog();
    for (let i = 0; i < 5000; i++) {
      const v = `id-${i}`;
      a.add(v);
      const x = hash64(v);
      b.addHash64(Number(x >> 32n), Number(x & 0xffffffffn));
    }
    expect(b.toBytes()).toEqual(a.toBytes());
  });

  it('stays sparse while small and becomes dense past the threshold, with the same count', () => {
    const h = filled(1000, 1);
    expect(h.encoding).toBe('sparse');
    expect(h.sizeInBytes).toBeLessThanOrEqual(3000);
    const c = h.count();
    expect(Math.abs(c - 1000) / 1000).toBeLessThan(0.03);
    const big = filled(50_000, 2);
    expect(big.encoding).toBe('dense');
    expect(big.sizeInBytes).toBe(12304);
  });

  it('keeps the count cached until a register changes, then recomputes it', () => {
    const h = filled(20_000, 3);
    const c = h.count();
    expect(h.count()).toBe(c);
    for (let i = 0; i < 2000; i++) h.add(`new-${i}`);
    // fromBytes ignores the cached value in the header and recomputes from the registers.
    const recomputed = HyperLogLog.fromBytes(h.toBytes()).count();
    expect(h.count()).toBe(recomputed);
    expect(recomputed).toBeGreaterThan(c + 1000);
  });

  it('estimates within 3 % at every precision and cardinality tested', () => {
    for (const p of [4, 8, 12, 14, 16, 18]) {
      for (const n of [10, 1000, 100_000]) {
        const h = filled(n, p * 1000 + n, p);
        const tolerance = Math.max(6 * h.relativeStandardError, 0.03);
        expect(Math.abs(h.count() - n) / n, `p=${p} n=${n}`).toBeLessThan(tolerance);
      }
    }
  });

  it('has no bias bump where classic HyperLogLog switches from linear counting (seeded, 100 trials)', () => {
    for (const n of [2000, 20_000, 40_000, 80_000]) {
      let sum = 0;
      const trials = 100;
      for (let t = 0; t < trials; t++) {
        const next = mulberry32(n * 131 + t);
        const h = new HyperLogLog();
        for (let i = 0; i < n; i++) h.addHash64(next(), next());
        sum += (h.count() - n) / n;
      }
      // The standard error of the mean of 100 trials is 0.08 %; a bump would show as several tenths.
      expect(Math.abs(sum / trials), `n=${n}`).toBeLessThan(0.003);
    }
  });

  it('merge gives the union, for every combination of sparse and dense', () => {
    for (const [na, nb] of [
      [100, 200],
      [100, 50_000],
      [50_000, 100],
      [40_000, 60_000],
      [1400, 1400],
    ]) {
      const prefixA = uuidPrefix(mulberry32(na));
      const prefixB = uuidPrefix(mulberry32(nb + 7));
      const a = new HyperLogLog();
      const b = new HyperLogLog();
      const union = new HyperLogLog();
      for (let i = 0; i < na; i++) {
        a.add(uuidLike(prefixA, i));
        union.add(uuidLike(prefixA, i));
      }
      for (let i = 0; i < nb; i++) {
        b.add(uuidLike(prefixB, i));
        union.add(uuidLike(prefixB, i));
      }
      const before = b.toBytes();
      expect(a.merge(b)).toBe(a);
      expect(a.toBytes()).toEqual(union.toBytes());
      expect(a.count()).toBe(union.count());
      expect(b.toBytes()).toEqual(before);
    }
  });

  it('clone is independent of the original', () => {
    const a = filled(500, 9);
    const b = a.clone();
    for (let i = 0; i < 10_000; i++) b.add(`more-${i}`);
    expect(a.count()).toBe(filled(500, 9).count());
    expect(b.count()).toBeGreaterThan(9000);
  });

  it('round-trips through toBytes/fromBytes at every precision, sparse and dense', () => {
    for (const p of [4, 5, 10, 14, 17, 18]) {
      for (const n of [0, 3, 300, 30_000]) {
        const h = filled(n, n + p, p);
        const bytes = h.toBytes();
        const back = HyperLogLog.fromBytes(bytes);
        expect(back.precision).toBe(p);
        expect(back.count()).toBe(h.count());
        expect(back.toBytes()).toEqual(bytes);
        expect(bytes[5]).toBe(p === 14 ? 0 : p);
      }
    }
  });

  it('writes the Redis header: HYLL, encoding, cached cardinality little endian', () => {
    const h = filled(100, 4);
    const bytes = h.toBytes();
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('HYLL');
    expect(bytes[4]).toBe(1);
    const card = new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(8, true);
    expect(Number(card)).toBe(h.count());
    const dense = filled(20_000, 5).toBytes();
    expect(dense[4]).toBe(0);
    expect(dense.length).toBe(16 + 12288);
  });

  it('an empty sketch is 18 bytes, the XZERO run Redis creates', () => {
    const bytes = new HyperLogLog().toBytes();
    expect([...bytes.subarray(16)]).toEqual([0x7f, 0xff]);
  });

  it('rejects bad precisions and mismatched merges with SketchFormatError', () => {
    expect(() => new HyperLogLog({ precision: 3 })).toThrow(SketchFormatError);
    expect(() => new HyperLogLog({ precision: 19 })).toThrow(SketchFormatError);
    expect(() => new HyperLogLog({ precision: 14.5 })).toThrow(SketchFormatError);
    expect(() => new HyperLogLog({ precision: 12 }).merge(new HyperLogLog())).toThrow(SketchFormatError);
  });

  it('reports the standard error 1.04/√m and memory that grows from sparse to dense', () => {
    expect(new HyperLogLog().relativeStandardError).toBeCloseTo(1.04 / 128, 10);
    expect(filled(10, 1).memoryBytes).toBeLessThan(200);
    expect(filled(100_000, 1).memoryBytes).toBe(16384);
  });
});
