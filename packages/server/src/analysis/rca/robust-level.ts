/**
 * Robust level and spread of a sample (median and scaled median absolute deviation), the baseline the
 * root-cause and security rules compare against: one outlier or one incident inside the baseline
 * window barely moves them, unlike a mean and standard deviation.
 */
import { percentile } from '../series/series.js';

export interface RobustLevel {
  median: number;
  /** 1.4826 × MAD: the standard deviation a normal sample with this MAD would have. */
  spread: number;
  /** 99th percentile, the "highest normal" value. */
  p99: number;
  count: number;
}

export function robustLevel(values: readonly number[]): RobustLevel {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: Number.NaN, spread: Number.NaN, p99: Number.NaN, count: 0 };
  const median = percentile(sorted, 0.5);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort((a, b) => a - b);
  return { median, spread: 1.4826 * percentile(deviations, 0.5), p99: percentile(sorted, 0.99), count: sorted.length };
}

/**
 * Median and 99th percentile only, over finite values (the spike finder's per-minute baseline): one
 * typed-array sort instead of two comparator sorts, the same figures as `robustLevel`.
 */
export function medianAndP99(values: Float64Array): Pick<RobustLevel, 'median' | 'p99' | 'count'> {
  const sorted = values.filter(Number.isFinite).sort();
  if (sorted.length === 0) return { median: Number.NaN, p99: Number.NaN, count: 0 };
  const at = (q: number): number => {
    const pos = q * (sorted.length - 1);
    const lo = Math.floor(pos);
    const a = sorted[lo] as number;
    const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
    return a + (b - a) * (pos - lo);
  };
  return { median: at(0.5), p99: at(0.99), count: sorted.length };
}
