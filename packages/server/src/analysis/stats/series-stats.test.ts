import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../series/series.js';
import { seriesStats } from './series-stats.js';

const t0 = Date.UTC(2026, 10, 2);
const ccu = Array.from({ length: 180 }, (_, i) => {
  const value = i === 100 ? 5000 : 1000 + i;
  return { t: t0 + i * MINUTE_MS, value, low: value * 0.99, high: value * 1.01 };
});

describe('seriesStats', () => {
  it('finds the peak, when it happened and its band', () => {
    const s = seriesStats(ccu, { label: 'CCU' });
    expect(s.max?.value).toBe(5000);
    expect(s.max?.t).toBe(t0 + 100 * MINUTE_MS);
    expect(s.max?.high).toBeCloseTo(5050, 9);
    expect(s.min?.value).toBe(1000);
    expect(s.count).toBe(180);
    expect(s.maxRelativeBand).toBeCloseTo(0.01, 9);
    expect(s.evidence[0]?.rows).toBe(180);
  });
  it('honours range and step (hourly peaks)', () => {
    const s = seriesStats(ccu, { stepMs: HOUR_MS, from: t0, to: t0 + 3 * HOUR_MS });
    expect(s.points.map((p) => p.value)).toEqual([1059, 5000, 1179]);
    expect(s.percentiles.find((p) => p.p === 50)?.value).toBe(1179);
    expect(s.avg).toBeCloseTo((1059 + 5000 + 1179) / 3, 9);
  });
  it('percentiles interpolate linearly', () => {
    const s = seriesStats(
      [1, 2, 3, 4, 5].map((v, i) => ({ t: i, value: v })),
      { percentiles: [0, 25, 90, 100] },
    );
    expect(s.percentiles.map((p) => p.value)).toEqual([1, 2, 4.6, 5]);
  });
});
