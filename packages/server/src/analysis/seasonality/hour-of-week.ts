/**
 * Hour-of-week profile: for each of the 168 (weekday, hour) cells, the average, the typical peak and how
 * many weeks were seen, in the operator's time zone. The base of "when are we busy", weekday vs weekend and
 * the recurring peak windows.
 */
import type { Evidence } from '../evidence.js';
import { seriesEvidence } from '../evidence.js';
import type { Series } from '../series/series.js';
import { HOUR_MS, cleanSeries, percentile } from '../series/series.js';

/** ISO weekday, 0 = Monday … 6 = Sunday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface SeasonalityOptions {
  /** Offset of the operator's time zone from UTC in minutes (e.g. 540 for KST). Default 0. */
  tzOffsetMinutes?: number;
}

export interface HourOfWeekCell {
  weekday: Weekday;
  hour: number;
  /** Mean of the points falling in this cell. */
  mean: number;
  /** 90th percentile of those points: a "typical busy" level rather than a one-off maximum. */
  p90: number;
  max: number;
  count: number;
}

export interface HourOfWeekProfile {
  /** 168 cells, index = weekday × 24 + hour; cells with no data have count 0 and NaN figures. */
  cells: HourOfWeekCell[];
  weeksCovered: number;
  evidence: Evidence[];
}

export function localParts(t: number, tzOffsetMinutes = 0): { weekday: Weekday; hour: number; dayStart: number } {
  const local = t + tzOffsetMinutes * 60_000;
  const d = new Date(local);
  const weekday = ((d.getUTCDay() + 6) % 7) as Weekday;
  const dayStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - tzOffsetMinutes * 60_000;
  return { weekday, hour: d.getUTCHours(), dayStart };
}

export function hourOfWeekProfile(series: Series, options: SeasonalityOptions = {}): HourOfWeekProfile {
  const pts = cleanSeries(series);
  const buckets: number[][] = Array.from({ length: 168 }, () => []);
  for (const p of pts) {
    const { weekday, hour } = localParts(p.t, options.tzOffsetMinutes);
    (buckets[weekday * 24 + hour] as number[]).push(p.value);
  }
  const cells = buckets.map((vals, i): HourOfWeekCell => {
    const sorted = [...vals].sort((a, b) => a - b);
    return {
      weekday: Math.floor(i / 24) as Weekday,
      hour: i % 24,
      mean: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : Number.NaN,
      p90: percentile(sorted, 0.9),
      max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
      count: vals.length,
    };
  });
  const span = pts.length ? (pts[pts.length - 1] as { t: number }).t - (pts[0] as { t: number }).t + HOUR_MS : 0;
  return {
    cells,
    weeksCovered: span / (7 * 24 * HOUR_MS),
    evidence: [seriesEvidence(pts, 'points grouped by weekday and hour (hour-of-week profile)')],
  };
}
