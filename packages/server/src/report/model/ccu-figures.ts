/**
 * The CCU figures of a period from its hourly rows: max (with its band and hour), min (the gauge's
 * minimum) and average, the hourly trend beside the previous period, and one row per local day.
 * Rounding happens here, once, so every format prints the same number.
 */
import { addWall, epochOf, wallOf } from '../../ask/parse/zoned-clock.js';
import { percentile } from '../../analysis/series/series.js';
import type { CcuSummary, DailyRow, TrendPoint } from '../report-types.js';
import { HOUR_MS, type HourPoint } from './hourly-reader.js';

export const round1 = (v: number): number => Math.round(v * 10) / 10;

export function ccuSummary(ccu: readonly HourPoint[], from: number, to: number): CcuSummary {
  const hoursInPeriod = Math.round((to - from) / HOUR_MS);
  if (ccu.length === 0) return { max: null, min: null, avg: null, p95: null, hoursWithData: 0, hoursInPeriod };
  let max = ccu[0] as HourPoint;
  let min = ccu[0] as HourPoint;
  for (const p of ccu) {
    if (p.value > max.value) max = p;
    if ((p.min ?? p.value) < (min.min ?? min.value)) min = p;
  }
  const avg = ccu.reduce((s, p) => s + (p.avg ?? p.value), 0) / ccu.length;
  const peaks = ccu.map((p) => p.value).sort((a, b) => a - b);
  return {
    max: {
      value: Math.round(max.value),
      low: Math.round(max.low ?? max.value),
      high: Math.round(max.high ?? max.value),
      at: max.t,
    },
    min: { value: Math.round(min.min ?? min.value), at: min.t },
    avg: round1(avg),
    p95: Math.round(percentile(peaks, 0.95)),
    hoursWithData: ccu.length,
    hoursInPeriod,
  };
}

/** Every hour of [from, to) with its peak, min and avg (null without data) and the same hour `shiftMs` earlier. */
export function ccuTrend(
  ccu: readonly HourPoint[],
  previous: readonly HourPoint[],
  shiftMs: number,
  from: number,
  to: number,
): TrendPoint[] {
  const now = new Map(ccu.map((p) => [p.t, p]));
  const before = new Map(previous.map((p) => [p.t + shiftMs, p.value]));
  const out: TrendPoint[] = [];
  for (let t = Math.floor(from / HOUR_MS) * HOUR_MS; t < to; t += HOUR_MS) {
    const p = now.get(t);
    const b = before.get(t);
    out.push({
      t,
      peak: p ? Math.round(p.value) : null,
      min: p ? Math.round(p.min ?? p.value) : null,
      avg: p ? round1(p.avg ?? p.value) : null,
      previousPeak: b === undefined ? null : Math.round(b),
    });
  }
  return out;
}

/** Local midnights from `from` (inclusive) to `to` (exclusive) in the zone. */
export function localDays(from: number, to: number, timeZone: string): number[] {
  const days: number[] = [];
  let wall = wallOf(from, timeZone);
  wall = { ...wall, h: 0, mi: 0 };
  for (let t = epochOf(wall, timeZone); t < to;) {
    if (t >= from) days.push(t);
    wall = addWall(wall, 1, 'day');
    t = epochOf(wall, timeZone);
  }
  return days;
}

export function dailyRows(
  ccu: readonly HourPoint[],
  transactions: readonly HourPoint[],
  errors: readonly HourPoint[],
  days: readonly number[],
  to: number,
): DailyRow[] {
  const rows: DailyRow[] = [];
  days.forEach((day, i) => {
    const end = days[i + 1] ?? to;
    const inDay = <P extends { t: number }>(xs: readonly P[]): P[] => xs.filter((p) => p.t >= day && p.t < end);
    const c = inDay(ccu);
    if (c.length === 0) return;
    const s = ccuSummary(c, day, end);
    rows.push({
      day,
      peak: s.max?.value ?? 0,
      peakAt: s.max?.at ?? day,
      min: s.min?.value ?? 0,
      avg: s.avg ?? 0,
      transactions: inDay(transactions).reduce((a, p) => a + p.value, 0),
      errors: inDay(errors).reduce((a, p) => a + p.value, 0),
    });
  });
  return rows;
}
