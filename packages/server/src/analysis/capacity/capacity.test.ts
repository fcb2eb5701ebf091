import { describe, expect, it } from 'vitest';
import { fitCapacityKnee } from './capacity-knee.js';
import type { LoadSample } from './capacity-knee.js';
import { recommendCapacity, whatIfRemoveServers } from './recommend-capacity.js';

describe('recommendCapacity', () => {
  const base = { servers: 4, capacityPerServer: 1000, targetUtilisation: 0.7, headroom: 0.2 };
  it('scales out when the forecast peak exceeds capacity × target, the upper bound as a risk line', () => {
    // Intended change: the plan is on the forecast point (2700), not its upper bound (3000).
    // 4 × 1000 × 0.7 = 2800 usable; 2700 × 1.2 = 3240 → 5 servers; the upper bound 3000 × 1.2 = 3600 → 6.
    const r = recommendCapacity({ ...base, currentPeak: { value: 2000 }, forecastPeak: { value: 2700, high: 3000 } });
    expect(r.action).toBe('scale_out');
    expect(r.plannedPeak).toBe(2700);
    expect(r.serversNeeded).toBe(5);
    expect(r.delta).toBe(1);
    expect(r.margin).toBeCloseTo(2800 - 3240, 9);
    expect(r.thresholds.scaleOutAbovePeak).toBeCloseTo(2800 / 1.2, 9);
    expect(r.basis).toContain('forecast point');
    expect(r.ifUpperBound).toEqual({ peak: 3000, serversNeeded: 6, delta: 2 });
  });
  it('plans on the observed peak when it is above the forecast point', () => {
    const r = recommendCapacity({ ...base, currentPeak: { value: 2600 }, forecastPeak: { value: 2400, high: 2900 } });
    expect(r.plannedPeak).toBe(2600);
    expect(r.serversNeeded).toBe(5); // 2600 × 1.2 / 700 = 4.46
    expect(r.ifUpperBound?.serversNeeded).toBe(5); // 2900 × 1.2 / 700 = 4.97
  });
  it('can still plan on the upper bound when asked, with no separate risk line', () => {
    const r = recommendCapacity({
      ...base,
      planOn: 'high',
      currentPeak: { value: 2000 },
      forecastPeak: { value: 2700, high: 3000 },
    });
    expect(r.plannedPeak).toBe(3000);
    expect(r.serversNeeded).toBe(6);
    expect(r.basis).toContain('upper bound');
    expect(r.ifUpperBound).toBeUndefined();
  });
  it('holds when the peak fits, and says what would change it', () => {
    const r = recommendCapacity({ ...base, currentPeak: { value: 2000 }, forecastPeak: { value: 2100, high: 2200 } });
    expect(r.action).toBe('hold');
    expect(r.serversNeeded).toBe(4);
    expect(r.thresholds.scaleInBelowPeak).toBeCloseTo(2100 / 1.2, 9);
    // Intended change: utilisation at the planned (point) peak 2100, not the upper bound 2200.
    expect(r.utilisationAtPeak).toBeCloseTo(0.525, 9);
  });
  it('scales in when one server fewer is enough', () => {
    const r = recommendCapacity({ ...base, currentPeak: { value: 900 }, forecastPeak: { value: 950, high: 1000 } });
    expect(r.action).toBe('scale_in');
    expect(r.serversNeeded).toBe(2);
  });
  it('lists every bad input at once', () => {
    expect(() => recommendCapacity({ servers: 0, capacityPerServer: -1, currentPeak: { value: 1 } })).toThrow(
      /servers must be.*capacityPerServer must be/,
    );
  });
  it('what if we remove one server', () => {
    const w = whatIfRemoveServers({ ...base, currentPeak: { value: 2000 }, forecastPeak: { value: 2100, high: 2200 } });
    expect(w.recommendation.servers).toBe(3);
    expect(w.stillFits).toBe(false); // 3 × 700 = 2100 < 2100 × 1.2
    const easy = whatIfRemoveServers({ ...base, currentPeak: { value: 1000 } });
    expect(easy.stillFits).toBe(true);
  });
});

describe('fitCapacityKnee', () => {
  /** p95 flat at 200 ms up to 800 CCU/server, then rising 5 ms per CCU; CPU linear 0.1 per 100 CCU. */
  const samples: LoadSample[] = Array.from({ length: 300 }, (_, i) => {
    const load = 100 + i * 4; // 100 … 1296
    return { t: i, ccuPerServer: load, p95LatencyMs: load <= 800 ? 200 : 200 + (load - 800) * 5, cpu: load / 1000 };
  });
  it('finds where p95 latency crosses its threshold', () => {
    const k = fitCapacityKnee(samples, { p95LatencyMs: 1000, cpu: 2 });
    expect(k.limitedBy).toBe('p95LatencyMs');
    expect(k.basis).toBe('observed');
    // True crossing at 800 + 800/5 = 960; binning interpolates between bin medians.
    expect(k.capacityPerServer).toBeGreaterThan(900);
    expect(k.capacityPerServer).toBeLessThan(1010);
  });
  it('CPU crossing wins when it comes first', () => {
    const k = fitCapacityKnee(samples, { p95LatencyMs: 1000, cpu: 0.8 });
    expect(k.limitedBy).toBe('cpu');
    expect(k.capacityPerServer).toBeCloseTo(800, -1);
  });
  it('extrapolates CPU, and calls an uncrossed latency a lower bound', () => {
    const low = samples.filter((s) => s.ccuPerServer <= 600);
    const k = fitCapacityKnee(low, { p95LatencyMs: 1000, cpu: 0.8 });
    const cpu = k.perMetric.find((m) => m.metric === 'cpu');
    expect(cpu?.basis).toBe('extrapolated');
    expect(cpu?.ccuPerServer).toBeCloseTo(800, 0);
    expect(k.perMetric.find((m) => m.metric === 'p95LatencyMs')?.basis).toBe('lower_bound');
    expect(k.capacityPerServer).toBeLessThanOrEqual(600);
  });
});
