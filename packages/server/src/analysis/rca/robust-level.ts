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
