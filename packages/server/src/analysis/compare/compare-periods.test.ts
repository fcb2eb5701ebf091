import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../series/series.js';
import { LAST_YEAR_MS, comparePeriod, comparePointInTime } from './compare-periods.js';
import { measuredChange } from './measured-change.js';

const band = (value: number) => ({ value, low: value * 0.992, high: value * 1.008 });
const now = Date.UTC(2026, 10, 25, 10);

describe('measuredChange', () => {
  it('calls a change within the combined band "no measurable change"', () => {
    // 1000 vs 1005 with ±0.8 % bands: |5| < hypot(8, 8.04) ≈ 11.3.
    const c = measuredChange(band(1005), band(1000));
    expect(c.verdict).toBe('no_measurable_change');
    expect(c.band).toBeCloseTo(Math.hypot(8.04, 8), 9);
  });
  it('reports a change larger than the band with its direction and ratio', () => {
    const c = measuredChange(band(1200), band(1000));
    expect(c.verdict).toBe('up');
    expect(c.changeRatio).toBeCloseTo(0.2, 9);
    expect(measuredChange(band(800), band(1000)).verdict).toBe('down');
  });
  it('exact values without bands: any difference is a change', () => {
    expect(measuredChange({ value: 11 }, { value: 10 }).verdict).toBe('up');
    expect(measuredChange({ value: 10 }, { value: 10 }).verdict).toBe('no_measurable_change');
  });
});

describe('comparePointInTime', () => {
  const hourly = Array.from({ length: 24 * 8 }, (_, i) => {
    const t = now - (24 * 8 - 1 - i) * HOUR_MS;
    return { t, ...band(t === now ? 1300 : t === now - DAY_MS ? 1296 : 1000) };
  });
  it('now vs yesterday within the band → no measurable change', () => {
    const c = comparePointInTime(hourly, now + 10 * 60_000, 'yesterday', { label: 'CCU' });
    expect(c?.current.value).toBe(1300);
    expect(c?.baseline.value).toBe(1296);
    expect(c?.verdict).toBe('no_measurable_change');
    expect(c?.evidence).toHaveLength(2);
  });
  it('now vs last week → up', () => {
    const c = comparePointInTime(hourly, now, 'last_week');
    expect(c?.baseline.value).toBe(1000);
    expect(c?.verdict).toBe('up');
  });
  it('returns null when the baseline has no data', () => {
    expect(comparePointInTime(hourly, now, 'last_year')).toBeNull();
  });
});

describe('comparePeriod', () => {
  it('aligns last year by weekday and hour (364 days) and compares peaks', () => {
    const from = Date.UTC(2026, 10, 23); // a Monday
    const to = from + 7 * DAY_MS;
    const pts = [];
    for (const base of [from, from - LAST_YEAR_MS]) {
      for (let h = 0; h < 24 * 7; h++) {
        const peak = base === from ? 2000 : 1500;
        pts.push({ t: base + h * HOUR_MS, ...band(h === 34 ? peak : 900) });
      }
    }
    expect(new Date(from - LAST_YEAR_MS).getUTCDay()).toBe(new Date(from).getUTCDay());
    const c = comparePeriod(pts, { from, to }, 'last_year', 'max');
    expect(c?.current.value).toBe(2000);
    expect(c?.baseline.value).toBe(1500);
    expect(c?.verdict).toBe('up');
    expect(c?.baseline.rows).toBe(168);
    const avg = comparePeriod(pts, { from, to }, 'last_year', 'avg');
    expect(avg?.current.value).toBeCloseTo((900 * 167 + 2000) / 168, 9);
  });
});
