/**
 * The time-series shape every analysis takes: points with an epoch-ms time, a value and, for sketch-based
 * figures such as CCU, the error band (low/high) around it. Helpers here are the few operations several
 * analyses share: sorting, finite filtering, bucketing to a coarser step and the relative error band.
 */

export interface SeriesPoint {
  /** Bucket start, epoch ms. */
  t: number;
  value: number;
  /** Lower end of the error band, when the value is an estimate. */
  low?: number;
  /** Upper end of the error band, when the value is an estimate. */
  high?: number;
}

export type Series = readonly SeriesPoint[];

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

/** Points with finite values, sorted by time (input order is not trusted). */
export function cleanSeries(series: Series): SeriesPoint[] {
  return series.filter((p) => Number.isFinite(p.t) && Number.isFinite(p.value)).sort((a, b) => a.t - b.t);
}

/** Half-width of a point's error band relative to its value (0 when the point has no band). */
export function relativeBand(p: SeriesPoint): number {
  if (p.low === undefined && p.high === undefined) return 0;
  const low = p.low ?? p.value;
  const high = p.high ?? p.value;
  const half = Math.max(p.value - low, high - p.value);
  return p.value === 0 ? 0 : Math.abs(half / p.value);
}

export type BucketAggregate = 'max' | 'min' | 'avg' | 'sum' | 'last';

/**
 * Re-buckets a series to a coarser step (aligned to the epoch in UTC, plus `offsetMs`). The band of a
 * bucket is taken from the point that gave the value for max/min/last, and is the widest relative band
 * otherwise, so a coarser series never claims more precision than its inputs.
 */
export function bucketSeries(series: Series, stepMs: number, aggregate: BucketAggregate, offsetMs = 0): SeriesPoint[] {
  const groups = new Map<number, SeriesPoint[]>();
  for (const p of cleanSeries(series)) {
    const key = Math.floor((p.t - offsetMs) / stepMs) * stepMs + offsetMs;
    const g = groups.get(key);
    if (g) g.push(p);
    else groups.set(key, [p]);
  }
  const out: SeriesPoint[] = [];
  for (const [t, pts] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    out.push({ t, ...aggregatePoints(pts, aggregate) });
  }
  return out;
}

function aggregatePoints(pts: SeriesPoint[], aggregate: BucketAggregate): Omit<SeriesPoint, 't'> {
  const pick = (p: SeriesPoint): Omit<SeriesPoint, 't'> => {
    const { t: _t, ...rest } = p;
    return rest;
  };
  switch (aggregate) {
    case 'max':
      return pick(pts.reduce((a, b) => (b.value > a.value ? b : a)));
    case 'min':
      return pick(pts.reduce((a, b) => (b.value < a.value ? b : a)));
    case 'last':
      return pick(pts[pts.length - 1] as SeriesPoint);
    case 'avg':
    case 'sum': {
      const sum = pts.reduce((s, p) => s + p.value, 0);
      const value = aggregate === 'sum' ? sum : sum / pts.length;
      const band = Math.max(...pts.map(relativeBand));
      return band > 0 ? { value, low: value * (1 - band), high: value * (1 + band) } : { value };
    }
  }
}

/** Linear-interpolation percentile (the "R-7" definition used by numpy and spreadsheets), q in [0, 1]. */
export function percentile(sortedValues: readonly number[], q: number): number {
  const n = sortedValues.length;
  if (n === 0) return Number.NaN;
  const pos = Math.min(Math.max(q, 0), 1) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sortedValues[lo] as number;
  const b = sortedValues[hi] as number;
  return a + (b - a) * (pos - lo);
}
