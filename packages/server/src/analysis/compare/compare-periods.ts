/**
 * Comparisons an operator asks for: now vs the same time yesterday, last week or a chosen date, and a
 * period vs the same period last year aligned by weekday and hour (364 days back, so Monday 10:00 meets
 * Monday 10:00). Each comparison returns both sides with their bands, the measured change and evidence.
 */
import type { Evidence, EvidenceSource } from '../evidence.js';
import { seriesEvidence } from '../evidence.js';
import type { Series, SeriesPoint } from '../series/series.js';
import { DAY_MS, cleanSeries } from '../series/series.js';
import type { Estimate, MeasuredChange } from './measured-change.js';
import { measuredChange } from './measured-change.js';

export type PointBaseline = 'yesterday' | 'last_week' | 'last_year' | { at: number };
export type PeriodBaseline = 'previous' | 'last_week' | 'last_year' | { from: number };
export type PeriodAggregate = 'max' | 'avg';

/** 364 days: 52 whole weeks, so the weekday and hour line up. */
export const LAST_YEAR_MS = 364 * DAY_MS;

export interface ComparedSide extends Estimate {
  from: number;
  to: number;
  rows: number;
}

export interface Comparison extends MeasuredChange {
  current: ComparedSide;
  baseline: ComparedSide;
  evidence: Evidence[];
}

export interface CompareOptions {
  /** Bucket width of the series in ms (default: inferred from the median gap). */
  stepMs?: number;
  source?: EvidenceSource;
  label?: string;
}

function inferStep(pts: readonly SeriesPoint[]): number {
  const gaps = pts.slice(1).map((p, i) => p.t - (pts[i] as SeriesPoint).t);
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1] ?? 60_000;
}

function pointBaselineTime(at: number, b: PointBaseline): number {
  if (typeof b === 'object') return b.at;
  switch (b) {
    case 'yesterday':
      return at - DAY_MS;
    case 'last_week':
      return at - 7 * DAY_MS;
    case 'last_year':
      return at - LAST_YEAR_MS;
  }
}

/** The bucket holding `at` (start ≤ at < start + step), or null when the series has no data there. */
function bucketAt(pts: readonly SeriesPoint[], at: number, stepMs: number): SeriesPoint | null {
  let found: SeriesPoint | null = null;
  for (const p of pts) if (p.t <= at && at < p.t + stepMs) found = p;
  return found;
}

function side(p: SeriesPoint, stepMs: number): ComparedSide {
  return {
    value: p.value,
    ...(p.low === undefined ? {} : { low: p.low }),
    ...(p.high === undefined ? {} : { high: p.high }),
    from: p.t,
    to: p.t + stepMs,
    rows: 1,
  };
}

/** Now (or any `at`) vs a baseline moment; null when either moment has no data. */
export function comparePointInTime(
  series: Series,
  at: number,
  baseline: PointBaseline,
  options: CompareOptions = {},
): Comparison | null {
  const pts = cleanSeries(series);
  const stepMs = options.stepMs ?? inferStep(pts);
  const cur = bucketAt(pts, at, stepMs);
  const base = bucketAt(pts, pointBaselineTime(at, baseline), stepMs);
  if (!cur || !base) return null;
  const label = options.label ?? 'value';
  const source = options.source ?? 'history';
  return {
    ...measuredChange(cur, base),
    current: side(cur, stepMs),
    baseline: side(base, stepMs),
    evidence: [
      seriesEvidence([cur], `${label} at the current moment`, { source, stepMs }),
      seriesEvidence([base], `${label} at the baseline moment`, { source: 'history', stepMs }),
    ],
  };
}

function aggregate(pts: readonly SeriesPoint[], how: PeriodAggregate, from: number, to: number): ComparedSide | null {
  const inRange = pts.filter((p) => p.t >= from && p.t < to);
  if (inRange.length === 0) return null;
  if (how === 'max') {
    const m = inRange.reduce((a, b) => (b.value > a.value ? b : a));
    return {
      value: m.value,
      ...(m.low === undefined ? {} : { low: m.low }),
      ...(m.high === undefined ? {} : { high: m.high }),
      from,
      to,
      rows: inRange.length,
    };
  }
  const n = inRange.length;
  const value = inRange.reduce((s, p) => s + p.value, 0) / n;
  // The mean's band is the mean of the bands: sketch errors of neighbouring buckets are not independent.
  const low = inRange.reduce((s, p) => s + (p.low ?? p.value), 0) / n;
  const high = inRange.reduce((s, p) => s + (p.high ?? p.value), 0) / n;
  return { value, low, high, from, to, rows: n };
}

function periodBaselineStart(from: number, to: number, b: PeriodBaseline): number {
  if (typeof b === 'object') return b.from;
  switch (b) {
    case 'previous':
      return from - (to - from);
    case 'last_week':
      return from - 7 * DAY_MS;
    case 'last_year':
      return from - LAST_YEAR_MS;
  }
}

/** A period's peak (or average) vs the same-length period at the baseline; null when either has no data. */
export function comparePeriod(
  series: Series,
  range: { from: number; to: number },
  baseline: PeriodBaseline,
  how: PeriodAggregate = 'max',
  options: CompareOptions = {},
): Comparison | null {
  const pts = cleanSeries(series);
  const bFrom = periodBaselineStart(range.from, range.to, baseline);
  const bTo = bFrom + (range.to - range.from);
  const cur = aggregate(pts, how, range.from, range.to);
  const base = aggregate(pts, how, bFrom, bTo);
  if (!cur || !base) return null;
  const label = `${options.label ?? 'value'} (${how === 'max' ? 'peak' : 'average'})`;
  const stepMs = options.stepMs ?? inferStep(pts);
  const inCur = pts.filter((p) => p.t >= range.from && p.t < range.to);
  const inBase = pts.filter((p) => p.t >= bFrom && p.t < bTo);
  return {
    ...measuredChange(cur, base),
    current: cur,
    baseline: base,
    evidence: [
      seriesEvidence(inCur, `${label}, current period`, { source: options.source ?? 'history', stepMs }),
      seriesEvidence(inBase, `${label}, baseline period`, { source: 'history', stepMs }),
    ],
  };
}
