/** The simulated users' calendar: local hour, weekday and month position in their time zone. */
import { describe, expect, it } from 'vitest';
import { Calendar } from './calendar.js';

describe('Calendar', () => {
  it('reads Seoul time (UTC+9, no daylight saving)', () => {
    const seoul = new Calendar('Asia/Seoul');
    const t = Date.UTC(2026, 10, 30, 15, 30); // 2026-12-01 00:30 in Seoul
    const local = seoul.local(t);
    expect(local).toMatchObject({ year: 2026, month: 12, day: 1, weekday: 2, daysInMonth: 31 });
    expect(local.hour).toBeCloseTo(0.5, 6);
    expect(local.dayStart).toBe(Date.UTC(2026, 10, 30, 15, 0));
  });

  it('follows daylight saving where the zone has it', () => {
    const berlin = new Calendar('Europe/Berlin');
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST.
    expect(berlin.local(Date.UTC(2026, 2, 29, 0, 30)).hour).toBeCloseTo(1.5, 6);
    expect(berlin.local(Date.UTC(2026, 2, 29, 1, 30)).hour).toBeCloseTo(3.5, 6);
    expect(berlin.isWeekend(Date.UTC(2026, 2, 29, 12))).toBe(true);
    expect(berlin.local(Date.UTC(2026, 1, 28, 12)).daysInMonth).toBe(28);
  });
});
