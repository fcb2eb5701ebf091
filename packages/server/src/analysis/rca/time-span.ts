/** The time range covered by a set of rows (for evidence), without spreading large arrays into Math.min. */
import type { TimeRange } from '../evidence.js';

export function spanOf(times: Iterable<number>): TimeRange {
  let from = Infinity;
  let to = -Infinity;
  for (const t of times) {
    if (t < from) from = t;
    if (t > to) to = t;
  }
  return Number.isFinite(from) ? { from, to: to + 1 } : { from: 0, to: 0 };
}

export function maxOf(values: Iterable<number>, floor: number): number {
  let m = floor;
  for (const v of values) if (v > m) m = v;
  return m;
}
