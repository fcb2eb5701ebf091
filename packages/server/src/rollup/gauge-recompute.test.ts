import { HyperLogLog } from '@promptops/sketch';
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../model/transaction.js';
import { GaugeBackfill } from './gauge-backfill.js';
import { applyGaugeStats, hourGauges } from './gauge-recompute.js';
import { RowAccumulator } from './row-accumulator.js';

const HOUR = 3_600_000;
const W = 150;
const hourStart = 1_700_000_000_000 - (1_700_000_000_000 % HOUR);
const first = hourStart / 2000;

/** Deterministic sketches: bucket k holds users (k·7 + i) mod 400 for i < k mod 5 (some buckets empty). */
function sketchOf(k: number): HyperLogLog | null {
  const n = ((k % 5) + 5) % 5;
  if (n === 0) return null;
  const h = new HyperLogLog({ precision: 14 });
  for (let i = 0; i < n; i++) h.add(`u${(k * 7 + i) % 400}`);
  return h;
}

/** The gauge of bucket k by brute force: one fresh union of its W buckets. */
function bruteGauge(k: number): number {
  const acc = new HyperLogLog({ precision: 14 });
  for (let j = k - W + 1; j <= k; j++) {
    const s = sketchOf(j);
    if (s !== null) acc.merge(s);
  }
  return Math.round(acc.count());
}

describe('hourGauges', () => {
  it('samples every 2 s bucket of the hour as the union of its window, folded into each level', () => {
    const g = hourGauges({
      hourStart,
      windowBuckets: W,
      modes: ['ip'],
      sketchAt: (k) => sketchOf(k),
      hasRow: () => false,
    });
    const brute = Array.from({ length: 1800 }, (_, i) => bruteGauge(first + i));
    expect(g['2s'].size).toBe(1800);
    expect(g['2s'].get(hourStart + 2000)?.get('ip')?.max).toBe(brute[1]);
    const hour = g['1h'].get(hourStart)!.get('ip')!;
    expect(hour).toEqual({
      max: Math.max(...brute),
      min: Math.min(...brute),
      sum: brute.reduce((a, b) => a + b, 0),
      samples: 1800,
    });
    const minute7 = g['1m'].get(hourStart + 7 * 60_000)!.get('ip')!;
    const slice = brute.slice(7 * 30, 8 * 30);
    expect(minute7).toMatchObject({ max: Math.max(...slice), min: Math.min(...slice), samples: 30 });
    expect(g['5m'].size).toBe(12);
  });

  it('has no sample where the window is empty and the bucket has no row', () => {
    const g = hourGauges({
      hourStart,
      windowBuckets: W,
      modes: ['ip'],
      sketchAt: (k) => (k === first + 10 ? sketchOf(1) : null),
      hasRow: () => false,
    });
    // Buckets first+10 … first+159 see the one user.
    expect(g['1h'].get(hourStart)!.get('ip')).toEqual({ max: 1, min: 1, sum: 150, samples: 150 });
  });
});

describe('applyGaugeStats', () => {
  const stats = { max: 10, min: 2, sum: 60, samples: 10 };

  it('replaces the gauge when exact, and clears it when the hour has none', () => {
    const row = new RowAccumulator('1h', 'web-1', hourStart, ['ip'], 14);
    row.addGauge('ip', 99);
    applyGaugeStats(row, 'ip', stats, false);
    expect(row.toRow().users.ip).toMatchObject({ ccuMax: 10, ccuMin: 2, ccuAvg: 6, samples: 10 });
    applyGaugeStats(row, 'ip', undefined, false);
    expect(row.toRow().users.ip).toMatchObject({ ccuMax: 0, samples: 0 });
  });

  it('keeps the larger of old and new figures as a lower bound when live 2 s sketches are gone', () => {
    const row = new RowAccumulator('1h', 'web-1', hourStart, ['ip'], 14);
    for (const v of [4, 12, 5, 3]) row.addGauge('ip', v);
    applyGaugeStats(row, 'ip', stats, true);
    expect(row.toRow().users.ip).toMatchObject({ ccuMax: 12, ccuMin: 3, ccuAvg: 6, samples: 10 });
  });
});

describe('GaugeBackfill', () => {
  const tx = (time: number, clientIp: string) => ({ time, instance: 'web-1', clientIp }) as Transaction;

  it('marks the hour of a late record and the hour its window reaches, due after one quiet flush', () => {
    const b = new GaugeBackfill({ modes: ['ip'], precision: 14, windowBuckets: W });
    const late = hourStart + HOUR - 60_000; // its window reaches into the next hour
    b.stage('web-1', late / 2000, tx(late, '10.0.0.1'));
    expect(b.sketchAt('web-1', late / 2000, 'ip')?.count()).toBeCloseTo(1, 5);
    expect(b.takeDue(() => false)).toEqual([]); // touched during this flush
    const due = b.takeDue((_, start) => start === hourStart + HOUR);
    expect(due.map((d) => d.start)).toEqual([hourStart]); // the next hour is still in the engine's memory
    b.markDone(due);
    expect(b.hasPending).toBe(true);
    expect(b.takeDue(() => false).map((d) => d.start)).toEqual([hourStart + HOUR]);
  });

  it('returns every pending hour after completeAll and then releases its sketches', () => {
    const b = new GaugeBackfill({ modes: ['ip'], precision: 14, windowBuckets: W });
    b.stage('web-1', first, tx(hourStart, '10.0.0.2'));
    b.stage('web-1', first, { ...tx(hourStart, '10.0.0.2'), clientIp: undefined } as unknown as Transaction);
    b.completeAll();
    const due = b.takeDue(() => false);
    expect(due).toEqual([{ instance: 'web-1', start: hourStart }]);
    b.markDone(due);
    expect(b.hasPending).toBe(false);
    expect(b.sketchAt('web-1', first, 'ip')).toBeNull();
  });
});
