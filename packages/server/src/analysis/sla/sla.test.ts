import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../series/series.js';
import { slaCompliance } from './sla-compliance.js';
import { parseSlaObjectives } from './sla-objectives.js';

const monday = Date.UTC(2026, 10, 2);

/** Two days, hourly: 1000 requests/h; day 1 has 0.05 % errors, day 2 has a bad last hour (50 errors). */
const buckets = Array.from({ length: 48 }, (_, i) => ({
  t: monday + i * HOUR_MS,
  requests: 1000,
  errors: i < 24 ? (i % 2 === 0 ? 1 : 0) : i === 47 ? 50 : 0,
  slow: i === 30 ? 300 : 5,
}));

describe('slaCompliance', () => {
  const objectives = parseSlaObjectives({ availability: 0.999, latencyTarget: 0.99 });
  it('reports per-day availability and latency compliance', () => {
    const r = slaCompliance(buckets, objectives);
    expect(r.periods).toHaveLength(2);
    expect(r.periods[0]?.availability).toBeCloseTo(1 - 12 / 24000, 12);
    expect(r.periods[0]?.availabilityMet).toBe(true);
    expect(r.periods[1]?.availability).toBeCloseTo(1 - 50 / 24000, 12);
    expect(r.periods[1]?.availabilityMet).toBe(false);
    expect(r.periods[1]?.latencyCompliance).toBeCloseTo(1 - (23 * 5 + 300) / 24000, 12);
    expect(r.periods[1]?.latencyMet).toBe(false);
  });
  it('computes the error budget and burn rates', () => {
    const r = slaCompliance(buckets, objectives);
    const a = r.budgets.find((b) => b.objective === 'availability');
    expect(a?.allowedBad).toBeCloseTo(48, 9);
    expect(a?.bad).toBe(62);
    expect(a?.consumed).toBeCloseTo(62 / 48, 9);
    // Last hour: 50 errors of 1000 = 5 % against a 0.1 % budget → burn rate 50.
    expect(a?.burnRates[0]).toEqual({ windowMs: HOUR_MS, burnRate: expect.closeTo(50, 9) as number });
  });
  it('groups by week, Monday-based, in the given time zone', () => {
    const r = slaCompliance(buckets, objectives, { period: 'week' });
    expect(r.periods).toHaveLength(1);
    expect(r.periods[0]?.from).toBe(monday);
    const kst = slaCompliance(buckets, objectives, { period: 'day', tzOffsetMinutes: 540 });
    expect(kst.periods).toHaveLength(3);
  });
  it('rejects impossible objectives at the edge', () => {
    expect(() => parseSlaObjectives({ availability: 1.5 })).toThrow();
  });
});
