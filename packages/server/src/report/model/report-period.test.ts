import { describe, expect, it } from 'vitest';
import { defaultPeriod, resolvePeriod, zoneOffsetAt } from './report-period.js';

const SEOUL = 'Asia/Seoul';
/** Monday 2026-11-23 08:30 in Seoul (Sunday 23:30 UTC): UTC and Seoul disagree on the week. */
const MONDAY_MORNING = Date.UTC(2026, 10, 22, 23, 30);

describe('report periods', () => {
  it('takes last week as Monday to Monday in the deployment zone, not in UTC', () => {
    expect(defaultPeriod('weekly', MONDAY_MORNING, SEOUL)).toEqual({
      from: Date.UTC(2026, 10, 15, 15), // Mon 16 Nov 00:00 KST
      to: Date.UTC(2026, 10, 22, 15), // Mon 23 Nov 00:00 KST
    });
    expect(defaultPeriod('weekly', MONDAY_MORNING, 'UTC')).toEqual({
      from: Date.UTC(2026, 10, 9),
      to: Date.UTC(2026, 10, 16),
    });
  });

  it('takes last calendar month for monthly and SLA reports, across a year end', () => {
    const jan3 = Date.UTC(2027, 0, 3, 3);
    expect(defaultPeriod('monthly', jan3, SEOUL)).toEqual({
      from: Date.UTC(2026, 10, 30, 15),
      to: Date.UTC(2026, 11, 31, 15),
    });
    expect(defaultPeriod('sla', jan3, SEOUL)).toEqual(defaultPeriod('monthly', jan3, SEOUL));
  });

  it('follows DST in zones that have it', () => {
    // Europe/Berlin leaves DST on 25 Oct 2026: that week is 169 hours long.
    const p = defaultPeriod('weekly', Date.UTC(2026, 10, 1, 12), 'Europe/Berlin');
    expect(p.to - p.from).toBe(169 * 3_600_000);
    expect(zoneOffsetAt(p.from, 'Europe/Berlin')).toBe(120);
    expect(zoneOffsetAt(p.to, 'Europe/Berlin')).toBe(60);
  });

  it('fills the missing bound with the kind length, aligns to hours and refuses bad ranges', () => {
    const from = Date.UTC(2026, 10, 1, 0, 20);
    expect(resolvePeriod('weekly', { from }, MONDAY_MORNING, SEOUL)).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 10, 8, 1),
      defaulted: false,
    });
    expect(() => resolvePeriod('weekly', { from, to: from - 1 }, MONDAY_MORNING, SEOUL)).toThrow(/before/);
    expect(() => resolvePeriod('monthly', { from: 0, to: 200 * 86_400_000 }, MONDAY_MORNING, SEOUL)).toThrow(
      /at most 93 days/,
    );
    expect(resolvePeriod('sla', {}, MONDAY_MORNING, SEOUL).defaulted).toBe(true);
  });
});
