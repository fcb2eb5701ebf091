import { describe, expect, it } from 'vitest';
import { EnsembleDetector } from './ensemble-detector.js';
import { createMetricDetector } from './metric-detector.js';
import { AnomalyLikelihood, normalTail } from './anomaly-likelihood.js';

/** Deterministic pseudo-random noise so the tests never flake. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function dailyWithNoise(n: number, seed = 1): number[] {
  const r = lcg(seed);
  return Array.from({ length: n }, (_, i) => 100 + 30 * Math.sin((2 * Math.PI * i) / 288) + (r() - 0.5) * 6);
}

describe('EnsembleDetector', () => {
  it('scores in [0, 1] and stays quiet on a regular daily series', () => {
    const d = new EnsembleDetector({ probation: 600 });
    const scores = dailyWithNoise(4000).map((v, i) => d.update(i, v));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(scores.filter((s) => s >= 0.5).length).toBeLessThanOrEqual(2);
  });

  it('raises an alarm within a few points of a level jump, once', () => {
    const d = new EnsembleDetector({ probation: 600 });
    const values = dailyWithNoise(4000, 7).map((v, i) => (i >= 3000 ? v + 120 : v));
    const scores = values.map((v, i) => d.update(i, v));
    const first = scores.findIndex((s, i) => i >= 3000 && s >= 0.5);
    expect(first).toBeGreaterThanOrEqual(3000);
    expect(first).toBeLessThan(3010);
    // The rest period keeps one incident to one alarm.
    expect(scores.slice(first + 1, first + 90).every((s) => s === 0)).toBe(true);
  });

  it('ignores non-finite samples without throwing', () => {
    const d = new EnsembleDetector({ probation: 10 });
    expect(d.update(0, Number.NaN)).toBe(0);
  });
});

describe('metric detectors', () => {
  it('flag a latency spike on a 1-minute series after a day of learning', () => {
    const d = createMetricDetector('latency');
    const r = lcg(3);
    const scores: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const v = i === 2500 ? 4000 : 120 + r() * 20;
      scores.push(d.update(i * 60_000, v));
    }
    expect(scores[2500]).toBe(1);
    expect(scores.slice(1440, 2500).filter((s) => s >= 0.5).length).toBeLessThanOrEqual(2);
  });
});

describe('anomaly likelihood', () => {
  it('normal tail matches known values', () => {
    expect(normalTail(0)).toBeCloseTo(0.5, 6);
    expect(normalTail(1.96)).toBeCloseTo(0.025, 3);
    expect(normalTail(-1.96)).toBeCloseTo(0.975, 3);
  });
  it('is high when raw scores jump above their history', () => {
    const l = new AnomalyLikelihood({ learningPeriod: 100 });
    const r = lcg(5);
    for (let i = 0; i < 500; i++) l.update(r() * 0.1);
    let last = 0;
    for (let i = 0; i < 10; i++) last = l.update(1);
    expect(last).toBeGreaterThan(0.5);
  });
});
