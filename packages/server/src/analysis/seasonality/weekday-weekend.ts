/**
 * Weekday vs weekend: the average daily peak and the average level on working days and on weekend days,
 * and their ratio, so "are weekends quieter, and by how much?" has a number. Weekend days are configurable
 * (Saturday and Sunday by default).
 */
import type { Evidence } from '../evidence.js';
import { seriesEvidence } from '../evidence.js';
import type { Series } from '../series/series.js';
import { cleanSeries } from '../series/series.js';
import type { SeasonalityOptions, Weekday } from './hour-of-week.js';
import { localParts } from './hour-of-week.js';

export interface DayClassSummary {
  days: number;
  /** Mean over days of each day's maximum. */
  meanDailyPeak: number;
  /** Mean of all points on those days. */
  meanLevel: number;
}

export interface WeekdayWeekend {
  weekday: DayClassSummary;
  weekend: DayClassSummary;
  /** weekend.meanDailyPeak / weekday.meanDailyPeak. */
  peakRatio: number;
  levelRatio: number;
  evidence: Evidence[];
}

export function weekdayVsWeekend(
  series: Series,
  options: SeasonalityOptions & { weekendDays?: readonly Weekday[] } = {},
): WeekdayWeekend {
  const weekend = new Set<Weekday>(options.weekendDays ?? [5, 6]);
  const days = new Map<number, { weekend: boolean; max: number; sum: number; n: number }>();
  const pts = cleanSeries(series);
  for (const p of pts) {
    const { weekday, dayStart } = localParts(p.t, options.tzOffsetMinutes);
    const d = days.get(dayStart) ?? { weekend: weekend.has(weekday), max: -Infinity, sum: 0, n: 0 };
    d.max = Math.max(d.max, p.value);
    d.sum += p.value;
    d.n++;
    days.set(dayStart, d);
  }
  const summarize = (isWeekend: boolean): DayClassSummary => {
    const list = [...days.values()].filter((d) => d.weekend === isWeekend);
    const n = list.reduce((s, d) => s + d.n, 0);
    return {
      days: list.length,
      meanDailyPeak: list.length ? list.reduce((s, d) => s + d.max, 0) / list.length : Number.NaN,
      meanLevel: n ? list.reduce((s, d) => s + d.sum, 0) / n : Number.NaN,
    };
  };
  const wd = summarize(false);
  const we = summarize(true);
  return {
    weekday: wd,
    weekend: we,
    peakRatio: we.meanDailyPeak / wd.meanDailyPeak,
    levelRatio: we.meanLevel / wd.meanLevel,
    evidence: [
      seriesEvidence(
        pts,
        `daily peaks and levels over ${days.size} days (${wd.days} weekdays, ${we.days} weekend days)`,
      ),
    ],
  };
}
