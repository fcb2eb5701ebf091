import { HyperLogLog } from '@promptops/sketch';
import { describe, expect, it } from 'vitest';
import { WindowUnion } from './window-union.js';

function sketchOf(keys: string[]): HyperLogLog {
  const h = new HyperLogLog();
  for (const k of keys) h.add(k);
  return h;
}

describe('WindowUnion', () => {
  it('always equals the union of the last `capacity` items, across evictions and rebuilds', () => {
    const w = new WindowUnion(5);
    const items: (HyperLogLog | null)[] = [];
    for (let i = 0; i < 40; i++) {
      // Item i holds keys i*3 .. i*3+9, so neighbours overlap; every 7th bucket is empty.
      const item = i % 7 === 3 ? null : sketchOf(Array.from({ length: 10 }, (_, j) => `k${i * 3 + j}`));
      items.push(item);
      w.push(item);
      const expected = new HyperLogLog();
      for (const it of items.slice(-5)) if (it !== null) expected.merge(it);
      expect(w.query()?.count() ?? 0).toBe(expected.count());
    }
  });

  it('sees changes to an item after invalidate()', () => {
    const w = new WindowUnion(3);
    const a = sketchOf(['a']);
    w.push(a);
    w.push(sketchOf(['b']));
    w.push(null);
    w.push(null); // capacity 3: `a` is evicted, b, null, null remain
    expect(w.query()?.count()).toBe(1);
    const b2 = sketchOf(['c']);
    w.push(b2);
    expect(w.query()?.count()).toBe(1);
    b2.add('late');
    w.invalidate();
    expect(w.query()?.count()).toBe(2);
  });

  it('reset() takes sketches that replaced empty slots (late data creating a bucket sketch)', () => {
    const w = new WindowUnion(3);
    w.push(null);
    w.push(sketchOf(['a']));
    w.push(null);
    expect(w.query()?.count()).toBe(1);
    // A late record created the first slot's sketch: invalidate() cannot see it, reset() does.
    const created = sketchOf(['late']);
    w.invalidate();
    expect(w.query()?.count()).toBe(1);
    w.reset([created, sketchOf(['a']), null]);
    expect(w.query()?.count()).toBe(2);
    w.push(sketchOf(['b']));
    expect(w.query()?.count()).toBe(2); // `created` left the window
  });
});
