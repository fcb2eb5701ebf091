/**
 * Recurring peak windows: stretches of the week whose typical level (the hour-of-week p90) is within a share
 * of the weekly top, e.g. "Mon–Fri 10:00–12:00 and 14:00–16:00". Runs wrap around Sunday→Monday, and a cell
 * needs data from at least `minWeeks` weeks so one unusual day does not make a "recurring" window.
 */
import type { Evidence } from '../evidence.js';
import type { Series } from '../series/series.js';
import type { HourOfWeekCell, SeasonalityOptions, Weekday } from './hour-of-week.js';
import { WEEKDAY_NAMES, hourOfWeekProfile } from './hour-of-week.js';

export interface PeakWindow {
  startWeekday: Weekday;
  startHour: number;
  /** Hours in the window (consecutive hour-of-week cells). */
  hours: number;
  /** Mean of the cells' p90 over the window. */
  level: number;
  /** Human label, e.g. "Tue 10:00–13:00". */
  label: string;
}

export interface PeakWindows {
  windows: PeakWindow[];
  /** The level a cell had to reach to count as peak. */
  threshold: number;
  /** Peak hours of the day that recur on most days (hour → number of days of the week it is peak). */
  dailyPeakHours: { hour: number; weekdays: number }[];
  evidence: Evidence[];
}

const hh = (h: number): string => `${String(h % 24).padStart(2, '0')}:00`;

export function recurringPeakWindows(
  series: Series,
  options: SeasonalityOptions & { share?: number; minWeeks?: number } = {},
): PeakWindows {
  const profile = hourOfWeekProfile(series, options);
  const minCount = options.minWeeks ?? 2;
  const usable = (c: HourOfWeekCell): boolean => c.count >= minCount && Number.isFinite(c.p90);
  const top = Math.max(...profile.cells.filter(usable).map((c) => c.p90));
  const threshold = (options.share ?? 0.9) * top;
  const hot = profile.cells.map((c) => usable(c) && c.p90 >= threshold);
  const windows: PeakWindow[] = [];
  if (hot.some((h) => !h)) {
    // Start scanning just after a cold cell so a run crossing Sunday→Monday is kept whole.
    const start = (hot.indexOf(false) + 1) % 168;
    let i = 0;
    while (i < 168) {
      const idx = (start + i) % 168;
      if (!hot[idx]) {
        i++;
        continue;
      }
      let len = 0;
      let sum = 0;
      while (i + len < 168 && hot[(start + i + len) % 168]) {
        sum += (profile.cells[(start + i + len) % 168] as HourOfWeekCell).p90;
        len++;
      }
      const first = profile.cells[idx] as HourOfWeekCell;
      windows.push({
        startWeekday: first.weekday,
        startHour: first.hour,
        hours: len,
        level: sum / len,
        label: `${WEEKDAY_NAMES[first.weekday]} ${hh(first.hour)}–${hh(first.hour + len)}${first.hour + len > 24 ? ' (+1 day)' : ''}`,
      });
      i += len;
    }
  }
  const byHour = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    weekdays: [0, 1, 2, 3, 4, 5, 6].filter((d) => hot[d * 24 + hour]).length,
  }));
  return {
    windows: windows.sort((a, b) => b.level - a.level),
    threshold,
    dailyPeakHours: byHour.filter((h) => h.weekdays > 0).sort((a, b) => b.weekdays - a.weekdays || a.hour - b.hour),
    evidence: [
      ...profile.evidence,
      {
        source: 'history',
        description: `hour-of-week cells whose p90 ≥ ${Math.round((options.share ?? 0.9) * 100)} % of the weekly top (${top.toFixed(0)}), seen in ≥ ${minCount} weeks`,
        range: profile.evidence[0]?.range ?? { from: 0, to: 0 },
        rows: hot.filter(Boolean).length,
      },
    ],
  };
}
