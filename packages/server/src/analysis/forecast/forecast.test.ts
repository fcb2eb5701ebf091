import { describe, expect, it } from 'vitest';
import { regularizeSeries } from '../series/regularize-series.js';
import { HOUR_MS } from '../series/series.js';
import { mase, seasonalNaiveScale, smape } from './forecast-accuracy.js';
import { forecastSeries } from './forecast-series.js';
import { normalQuantile } from './normal-quantile.js';
import { rollingBacktest } from './rolling-backtest.js';
import { seasonalNaive } from './seasonal-naive.js';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Hourly traffic with a daily shape, quieter weekends, slow growth and noise: the CCU-like case. */
function doubleSeasonal(hours: number, seed = 11): number[] {
  const r = lcg(seed);
  return Array.from({ length: hours }, (_, i) => {
    const hour = i % 24;
    const day = Math.floor(i / 24) % 7;
    const daily = 400 * Math.max(0, Math.sin((Math.PI * (hour - 6)) / 14));
    const weekly = day >= 5 ? 0.6 : 1;
    return 200 + 0.2 * i + daily * weekly + (r() - 0.5) * 60;
  });
}

describe('accuracy measures', () => {
  it('compute MASE and sMAPE on known values', () => {
    expect(smape([100, 200], [100, 200])).toBe(0);
    expect(smape([100], [300])).toBeCloseTo(100, 9);
    expect(seasonalNaiveScale([1, 2, 3, 5], 1)).toBeCloseTo(4 / 3, 9);
    expect(mase([10], [12], [1, 2, 3, 5], 1)).toBeCloseTo(2 / (4 / 3), 9);
  });
  it('seasonal naive repeats the last cycle', () => {
    expect(seasonalNaive([1, 2, 3, 4, 5, 6], 3, 5)).toEqual([4, 5, 6, 4, 5]);
  });
  it('normal quantile', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
});

describe('forecast', () => {
  it('beats seasonal-naive on a synthetic double-seasonal series (rolling origin)', () => {
    const values = doubleSeasonal(24 * 7 * 6);
    const r = rollingBacktest(values, {
      periods: [24, 168],
      horizon: 24,
      firstOrigin: 24 * 7 * 4,
      originStep: 48,
      masePeriod: 24,
      naivePeriods: [24, 168],
    });
    const by = (m: string): number => r.scores.find((s) => s.model === m)?.mase ?? Number.NaN;
    const bestNaive = Math.min(by('seasonal-naive (m=24)'), by('seasonal-naive (m=168)'));
    expect(r.origins).toBeGreaterThan(5);
    expect(by('holt-winters')).toBeLessThan(bestNaive);
    expect(by('holt-winters + seasonal-naive (mean)')).toBeLessThan(bestNaive);
  });

  it('returns the next steps with intervals that cover the truth about as often as claimed', () => {
    const all = doubleSeasonal(24 * 7 * 5 + 48, 5);
    const start = Date.UTC(2026, 0, 5);
    const hist = all.slice(0, 24 * 7 * 5).map((value, i) => ({ t: start + i * HOUR_MS, value }));
    const f = forecastSeries(hist, { horizon: 48 });
    expect(f.model.periods).toEqual([24, 168]);
    expect(f.points).toHaveLength(48);
    expect(f.points[0]?.t).toBe(start + 24 * 7 * 5 * HOUR_MS);
    const truth = all.slice(24 * 7 * 5);
    const covered = f.points.filter(
      (p, i) => (truth[i] as number) >= (p.low as number) && (truth[i] as number) <= (p.high as number),
    );
    expect(covered.length / 48).toBeGreaterThan(0.8);
    expect(f.points.every((p) => (p.low as number) <= p.value && p.value <= (p.high as number))).toBe(true);
    expect(f.evidence[0]?.rows).toBe(hist.length);
  });
});

/** A stable daily/weekly shape with AR(1) noise (deviations last hours, then fade): CCU without growth. */
function meanReverting(hours: number, seed: number): number[] {
  const r = lcg(seed);
  let ar = 0;
  return Array.from({ length: hours }, (_, i) => {
    const hour = i % 24;
    const weekend = Math.floor(i / 24) % 7 >= 5;
    const shape = 100 + 600 * Math.max(0, Math.sin(((hour - 6) / 16) * Math.PI)) * (weekend ? 0.4 : 1);
    ar = 0.9 * ar + 25 * normalQuantile(Math.min(0.999, Math.max(0.001, r())));
    return Math.max(0, shape + ar);
  });
}

describe('prediction intervals over a long horizon', () => {
  it('do not widen like a random walk when the series reverts to its shape (measured, not closed form)', () => {
    const weeks = 5;
    const all = meanReverting(24 * 7 * weeks + 168, 3);
    const start = Date.UTC(2026, 0, 5);
    const hist = all.slice(0, 24 * 7 * weeks).map((value, i) => ({ t: start + i * HOUR_MS, value }));
    const f = forecastSeries(hist, { horizon: 168, stepMs: HOUR_MS });
    expect(f.model.empiricalHorizons).toBe(168);
    const half = (k: number): number => ((f.points[k]?.high as number) - (f.points[k]?.low as number)) / 2;
    const early = Array.from({ length: 24 }, (_, k) => half(k)).reduce((a, b) => a + b, 0) / 24;
    const late = Array.from({ length: 24 }, (_, k) => half(144 + k)).reduce((a, b) => a + b, 0) / 24;
    // The closed form grows about √h (2.5× or more from the first day to the seventh here).
    expect(late / early).toBeLessThan(1.8);
    // The week's highest forecast hour: its upper bound stays near the highest hour ever seen.
    const top = f.points.reduce((a, p) => (p.value > a.value ? p : a));
    expect(top.high as number).toBeLessThan(1.35 * Math.max(...hist.map((p) => p.value)));
    // And the band still covers the week that followed about as often as claimed.
    const truth = all.slice(24 * 7 * weeks);
    const covered = f.points.filter(
      (p, i) => (truth[i] as number) >= (p.low as number) && (truth[i] as number) <= (p.high as number),
    ).length;
    expect(covered / 168).toBeGreaterThan(0.85);
    // A count never gets a negative lower bound, even where the band is wider than the quiet-hour point.
    expect(Math.min(...f.points.map((p) => p.low as number))).toBeGreaterThanOrEqual(0);
    expect(f.points.some((p) => (p.low as number) === 0)).toBe(true);
  });

  it('the 95 % band holds about 95 % of what followed over many origins (conformal rank, not the in-sample quantile)', () => {
    const values = meanReverting(24 * 7 * 9, 8);
    const r = rollingBacktest(values, {
      periods: [24, 168],
      horizon: 48,
      firstOrigin: 24 * 7 * 5,
      originStep: 53,
      masePeriod: 24,
      naivePeriods: [168],
      interval: { coverage: 0.95, stepMs: HOUR_MS },
    });
    const band = r.interval;
    if (band === undefined) throw new Error('no interval score');
    expect(band.total).toBe(r.origins * 48);
    // Each origin's 48 errors are dependent, so the share moves in steps; the band is neither the
    // under-covering in-sample quantile nor a uselessly wide one.
    expect(band.inside / band.total).toBeGreaterThanOrEqual(0.92);
    expect(band.relativeWidth).toBeLessThan(2);
  }, 60_000);
});

describe('forecast input', () => {
  it('refuses to forecast from almost no history', () => {
    expect(() => forecastSeries([{ t: 0, value: 1 }], { horizon: 3 })).toThrow(/at least 3 points/);
  });
});

describe('regularizeSeries', () => {
  it('fills a gap from one season back, else linearly, and reports it', () => {
    const pts = [0, 1, 2, 3, 5].map((i) => ({ t: i * 1000, value: i * 10 }));
    const r = regularizeSeries(pts, 1000, 2);
    expect(r.values).toEqual([0, 10, 20, 30, 20, 50]);
    expect(r.filled).toEqual([4]);
    const lin = regularizeSeries(pts, 1000, 0);
    expect(lin.values[4]).toBe(40);
  });
});
