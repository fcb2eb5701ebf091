import { describe, expect, it } from 'vitest';
import { percentile } from '../series/series.js';
import { SortedValues } from './sorted-values.js';

describe('SortedValues', () => {
  it('gives the same quantiles as sorting the current values, through inserts and removals with duplicates', () => {
    let seed = 12345;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const set = new SortedValues(500);
    const live: number[] = [];
    for (let step = 0; step < 3000; step++) {
      if (live.length > 0 && (live.length >= 500 || rand() < 0.45)) {
        const [v] = live.splice(Math.floor(rand() * live.length), 1);
        set.remove(v as number);
      } else {
        // Few distinct values, so duplicates are common.
        const v = Math.round(rand() * 40) / 4;
        live.push(v);
        set.insert(v);
      }
      const sorted = [...live].sort((a, b) => a - b);
      expect(set.count).toBe(live.length);
      if (sorted.length === 0) continue;
      for (const q of [0, 0.5, 0.99, 1]) expect(set.quantile(q)).toBe(percentile(sorted, q));
    }
  });

  it('refuses to remove a value it does not hold', () => {
    const set = new SortedValues(4);
    set.insert(1);
    expect(() => set.remove(2)).toThrow(/not in the set/);
    expect(new SortedValues(4).quantile(0.5)).toBeNaN();
  });
});
