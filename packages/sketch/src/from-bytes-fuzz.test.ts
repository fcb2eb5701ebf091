/**
 * fromBytes on hostile input: random bytes, truncations, extensions and bit flips of valid sketches.
 * Every input must either load as a usable sketch or throw SketchFormatError, and no index outside the
 * input may ever be read (checked through a Proxy that records out-of-range reads).
 */
import { describe, expect, it } from 'vitest';
import { HyperLogLog, SketchFormatError } from './index.js';
import { mulberry32, uuidLike, uuidPrefix } from '../test/seeded-ids.js';

/** A view of `bytes` that records any read outside 0..length-1 (typed arrays would just give undefined). */
function guarded(bytes: Uint8Array): { view: Uint8Array; outOfBounds: number[] } {
  const outOfBounds: number[] = [];
  const view = new Proxy(bytes, {
    get(target, prop) {
      if (typeof prop === 'string' && /^-?\d+$/.test(prop)) {
        const i = Number(prop);
        if (i < 0 || i >= target.length) outOfBounds.push(i);
        return target[i];
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { view, outOfBounds };
}

type Outcome = 'loaded' | 'rejected';

function tryLoad(bytes: Uint8Array, checkBounds: boolean): Outcome {
  const { view, outOfBounds } = checkBounds ? guarded(bytes) : { view: bytes, outOfBounds: [] };
  let h: HyperLogLog;
  try {
    h = HyperLogLog.fromBytes(view);
  } catch (err) {
    expect(err).toBeInstanceOf(SketchFormatError);
    expect(outOfBounds).toEqual([]);
    return 'rejected';
  }
  expect(outOfBounds).toEqual([]);
  const c = h.count();
  expect(Number.isFinite(c) && c >= 0).toBe(true);
  // Whatever loads must survive its own round trip.
  expect(HyperLogLog.fromBytes(h.toBytes()).count()).toBe(c);
  return 'loaded';
}

function sketchBytes(n: number, seed: number, precision = 14): Uint8Array {
  const h = new HyperLogLog({ precision });
  const prefix = uuidPrefix(mulberry32(seed));
  for (let i = 0; i < n; i++) h.add(uuidLike(prefix, i));
  return h.toBytes();
}

describe('fromBytes fuzz (seeded)', () => {
  const rnd = mulberry32(20261125);
  const valid = [
    sketchBytes(0, 1),
    sketchBytes(5, 2),
    sketchBytes(700, 3),
    sketchBytes(1400, 4),
    sketchBytes(30_000, 5),
    sketchBytes(50, 6, 8),
    sketchBytes(5000, 7, 10),
  ];

  it('rejects random bytes, with and without a HYLL header', () => {
    const outcomes: Record<Outcome, number> = { loaded: 0, rejected: 0 };
    for (let k = 0; k < 3000; k++) {
      const len = rnd() % 64;
      const bytes = new Uint8Array(len);
      for (let i = 0; i < len; i++) bytes[i] = rnd() & 0xff;
      if (k % 2 === 0 && len >= 6) {
        bytes.set([0x48, 0x59, 0x4c, 0x4c, rnd() & 1, rnd() % 3 === 0 ? 0 : rnd() & 0xff]);
      }
      outcomes[tryLoad(bytes, k % 10 === 0)]++;
    }
    expect(outcomes.rejected).toBeGreaterThan(2500);
  });

  it('never misbehaves on truncated, extended or bit-flipped sketches', () => {
    const outcomes: Record<Outcome, number> = { loaded: 0, rejected: 0 };
    for (let k = 0; k < 4000; k++) {
      const base = valid[k % valid.length];
      let bytes: Uint8Array;
      switch (k % 4) {
        case 0:
          bytes = base.slice(0, rnd() % base.length);
          break;
        case 1: {
          bytes = new Uint8Array(base.length + 1 + (rnd() % 8));
          bytes.set(base);
          for (let i = base.length; i < bytes.length; i++) bytes[i] = rnd() & 0xff;
          break;
        }
        default: {
          bytes = base.slice();
          const flips = 1 + (rnd() % 4);
          for (let f = 0; f < flips; f++) {
            const i = rnd() % bytes.length;
            bytes[i] ^= 1 << (rnd() & 7);
          }
        }
      }
      outcomes[tryLoad(bytes, k % 8 === 0)]++;
    }
    // Flips inside dense registers or the cached count load (as Redis would); structure damage does not.
    expect(outcomes.rejected).toBeGreaterThan(1000);
    expect(outcomes.loaded).toBeGreaterThan(300);
  });

  it('rejects each kind of damage with its own reason', () => {
    const reason = (b: Uint8Array) => {
      try {
        HyperLogLog.fromBytes(b);
        return 'loaded';
      } catch (err) {
        return (err as SketchFormatError).reason;
      }
    };
    const sparse = valid[2];
    const dense = valid[4];
    expect(reason(sparse.subarray(0, 10))).toBe('truncated');
    expect(reason(Uint8Array.from([...sparse].map((b, i) => (i === 0 ? 0x68 : b))))).toBe('bad_magic');
    expect(reason(Uint8Array.from([...sparse].map((b, i) => (i === 4 ? 2 : b))))).toBe('bad_encoding');
    expect(reason(Uint8Array.from([...sparse].map((b, i) => (i === 5 ? 30 : b))))).toBe('bad_precision');
    expect(reason(dense.subarray(0, dense.length - 1))).toBe('bad_length');
    expect(reason(sparse.subarray(0, sparse.length - 1))).toBe('bad_sparse');
    const highRegister = dense.slice();
    highRegister[16] |= 0x3f; // register 0 = 63 > q + 1 = 51
    expect(reason(highRegister)).toBe('bad_register');
    expect(reason(new TextEncoder().encode('{"not":"a sketch"}'))).toBe('bad_magic');
  });
});
