import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../series/series.js';
import { hourOfWeekProfile } from './hour-of-week.js';
import { recurringPeakWindows } from './peak-windows.js';
import { weekdayVsWeekend } from './weekday-weekend.js';

const monday = Date.UTC(2026, 10, 2); // Monday 00:00 UTC

/** Three weeks: weekdays peak 10:00–12:00 at 1000, weekends flat 300, nights 100. */
const series = Array.from({ length: 24 * 7 * 3 }, (_, i) => {
  const hour = i % 24;
  const day = Math.floor(i / 24) % 7;
  const weekend = day >= 5;
  const value = weekend ? 300 : hour >= 10 && hour < 12 ? 1000 : hour >= 8 && hour < 18 ? 600 : 100;
  return { t: monday + i * HOUR_MS, value };
});

describe('seasonality', () => {
  it('hour-of-week profile indexes Monday 10:00 as cell 10', () => {
    const p = hourOfWeekProfile(series);
    expect(p.cells[10]).toMatchObject({ weekday: 0, hour: 10, mean: 1000, count: 3 });
    expect(p.cells[5 * 24 + 10]?.mean).toBe(300);
    expect(p.weeksCovered).toBeCloseTo(3, 9);
  });
  it('time zone shifts the cells', () => {
    const kst = hourOfWeekProfile(series, { tzOffsetMinutes: 540 });
    expect(kst.cells[19]?.mean).toBe(1000); // 10:00 UTC = 19:00 KST
  });
  it('weekday vs weekend: peaks and levels with their ratio', () => {
    const w = weekdayVsWeekend(series);
    expect(w.weekday.days).toBe(15);
    expect(w.weekend.days).toBe(6);
    expect(w.weekday.meanDailyPeak).toBe(1000);
    expect(w.weekend.meanDailyPeak).toBe(300);
    expect(w.peakRatio).toBeCloseTo(0.3, 9);
  });
  it('recurring peak windows: Mon–Fri 10:00–12:00', () => {
    const r = recurringPeakWindows(series);
    expect(r.windows).toHaveLength(5);
    expect(r.windows.map((w) => w.label).sort()).toEqual([
      'Fri 10:00–12:00',
      'Mon 10:00–12:00',
      'Thu 10:00–12:00',
      'Tue 10:00–12:00',
      'Wed 10:00–12:00',
    ]);
    expect(r.dailyPeakHours).toEqual([
      { hour: 10, weekdays: 5 },
      { hour: 11, weekdays: 5 },
    ]);
  });
});
