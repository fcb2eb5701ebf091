/**
 * Summary statistics of a metric (CCU above all) over any range and step: max and when it happened, min,
 * average and percentiles, each max/min with the error band of the point it came from.
 */
import type { Evidence, EvidenceSource } from '../evidence.js';
import { seriesEvidence } from '../evidence.js';
import type { BucketAggregate, Series, SeriesPoint } from '../series/series.js';
import { bucketSeries, cleanSeries, percentile, relativeBand } from '../series/series.js';

export interface StatsOptions {
  /** Range to consider, epoch ms: [from, to). Default: the whole series. */
  from?: number;
  to?: number;
  /** Re-bucket to this step first (e.g. hourly peaks); default: the series as given. */
  stepMs?: number;
  /** How points are merged into a bucket when re-bucketing (default 'max': a bucket's peak). */
  aggregate?: BucketAggregate;
  /** Percentiles to report, in [0, 100] (default 50, 90, 95, 99). */
  percentiles?: number[];
  source?: EvidenceSource;
  /** What the series is, for the evidence line (default 'series'). */
  label?: string;
}

export interface SeriesStats {
  count: number;
  /** The highest point: its value, band and time (the first time it was reached). */
  max: SeriesPoint | null;
  min: SeriesPoint | null;
  avg: number;
  percentiles: { p: number; value: number }[];
  /** Widest relative error band among the points (0 when the series carries no bands). */
  maxRelativeBand: number;
  /** The points the figures were computed from (after range and re-bucketing). */
  points: SeriesPoint[];
  evidence: Evidence[];
}

export function seriesStats(series: Series, options: StatsOptions = {}): SeriesStats {
  const from = options.from ?? -Infinity;
  const to = options.to ?? Infinity;
  let pts = cleanSeries(series).filter((p) => p.t >= from && p.t < to);
  if (options.stepMs !== undefined) pts = bucketSeries(pts, options.stepMs, options.aggregate ?? 'max');
  const values = pts.map((p) => p.value).sort((a, b) => a - b);
  let max: SeriesPoint | null = null;
  let min: SeriesPoint | null = null;
  for (const p of pts) {
    if (!max || p.value > max.value) max = p;
    if (!min || p.value < min.value) min = p;
  }
  const avg = values.length ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
  const maxRelativeBand = pts.reduce((m, p) => Math.max(m, relativeBand(p)), 0);
  const label = options.label ?? 'series';
  const step = options.stepMs ? `, ${options.stepMs / 1000} s buckets (${options.aggregate ?? 'max'})` : '';
  return {
    count: pts.length,
    max,
    min,
    avg,
    percentiles: (options.percentiles ?? [50, 90, 95, 99]).map((p) => ({ p, value: percentile(values, p / 100) })),
    maxRelativeBand,
    points: pts,
    evidence: [
      seriesEvidence(pts, `${label}${step}: max/min/avg/percentiles`, {
        source: options.source ?? 'history',
        ...(options.stepMs ? { stepMs: options.stepMs } : {}),
        ...(maxRelativeBand > 0 ? { errorBand: maxRelativeBand } : {}),
      }),
    ],
  };
}
