/**
 * The fixed latency histogram of rollup rows: bucket index of a duration and quantiles (p50/p95/p99)
 * read back from the counts. Bounds are shared by every level, so histograms add bucket by bucket.
 */
import { LATENCY_BOUNDS_MS } from './rollup-row.js';

export const LATENCY_BUCKETS = LATENCY_BOUNDS_MS.length + 1;

/** Index of the bucket a duration falls in (binary search over the inclusive upper bounds). */
export function latencyBucketIndex(durationMs: number): number {
  let lo = 0;
  let hi: number = LATENCY_BOUNDS_MS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (durationMs <= LATENCY_BOUNDS_MS[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The q-quantile (0..1) of a histogram, interpolated linearly inside the bucket; null when empty.
 * The overflow bucket reports its lower bound (the histogram knows nothing above it).
 */
export function latencyQuantile(counts: readonly number[], q: number): number | null {
  let total = 0;
  for (const c of counts) total += c;
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c === 0) continue;
    if (seen + c >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1];
      if (i >= LATENCY_BOUNDS_MS.length) return lower;
      const upper = LATENCY_BOUNDS_MS[i];
      return lower + ((upper - lower) * (rank - seen)) / c;
    }
    seen += c;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}
