/**
 * Imported history gets CCU gauges: a real access log of days long past is imported through the same
 * loop as `promptops import access-log`, and each hour's peak CCU (max of the 2 s gauge = distinct
 * users in the 5 min window) is checked against an exact count from the same file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createApp } from '../packages/server/src/api/app.js';
import { createAccessLogParser } from '../packages/server/src/ingest/access-log/create-access-log-parser.js';
import { localAccessLogTargets } from '../packages/server/src/ingest/file-import/access-log-targets.js';
import { importAccessLogs } from '../packages/server/src/ingest/file-import/import-files.js';
import { ImportSummary } from '../packages/server/src/ingest/file-import/import-summary.js';
import type { Transaction } from '../packages/server/src/model/transaction.js';
import { userKeyOf } from '../packages/server/src/model/transaction.js';
import { relativeErrorOf } from '../packages/server/src/rollup/hll-estimate.js';
import { tx as txAt } from './support/transaction-fixture.js';
import { openCollector } from '../packages/server/src/collector/collector.js';
import { openTestCollector } from '../packages/server/src/collector/testing/test-collector.js';

const DATA = path.resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/data');
const LOG = path.join(DATA, 'elastic_apache_logs/apache_logs');
const haveData = existsSync(LOG);
if (!haveData) console.warn(`imported-gauge tests skipped: ${LOG} is absent`);

const HOUR = 3_600_000;
const BUCKET = 2_000;
const WINDOW_BUCKETS = 150; // W = 5 min

function parseLog(): Transaction[] {
  const parser = createAccessLogParser({ format: 'combined', instance: 'web-1' });
  const txs: Transaction[] = [];
  readFileSync(LOG, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      const r = parser.parseLine(line, i + 1);
      if (r !== null && !('reason' in r)) txs.push(r);
    });
  return txs;
}

/** Exact peak CCU per `stepMs` row: max over 2 s buckets k of distinct ip keys in buckets k−149 … k. */
function exactPeaks(txs: readonly Transaction[], stepMs = HOUR): Map<number, number> {
  const byBucket = new Map<number, string[]>();
  for (const tx of txs) {
    const k = Math.floor(tx.time / BUCKET);
    const list = byBucket.get(k) ?? [];
    list.push(userKeyOf(tx, 'ip')!);
    byBucket.set(k, list);
  }
  const buckets = [...byBucket.keys()];
  const first = Math.min(...buckets);
  const last = Math.max(...buckets) + WINDOW_BUCKETS - 1;
  const inWindow = new Map<string, number>();
  const peaks = new Map<number, number>();
  for (let k = first; k <= last; k++) {
    for (const key of byBucket.get(k) ?? []) inWindow.set(key, (inWindow.get(key) ?? 0) + 1);
    for (const key of byBucket.get(k - WINDOW_BUCKETS) ?? []) {
      const n = inWindow.get(key)! - 1;
      if (n === 0) inWindow.delete(key);
      else inWindow.set(key, n);
    }
    const row = Math.floor((k * BUCKET) / stepMs) * stepMs;
    if (inWindow.size > 0) peaks.set(row, Math.max(peaks.get(row) ?? 0, inWindow.size));
  }
  return peaks;
}

async function importLog(collector: Parameters<typeof localAccessLogTargets>[0]): Promise<void> {
  const summary = new ImportSummary('test', 10, 'line');
  await importAccessLogs([LOG], localAccessLogTargets(collector, { format: 'combined', instance: 'web-1' }), {
    summary,
    progress: { update: () => undefined, stop: () => undefined },
    chunkLines: 2_000,
  });
  expect(summary.accepted).toBe(10_000);
}

describe.skipIf(!haveData)('gauges of imported history', () => {
  const txs = haveData ? parseLog() : [];
  const exact = haveData ? exactPeaks(txs) : new Map<number, number>();
  const from = Math.min(...exact.keys());
  const to = Math.max(...exact.keys()) + HOUR;
  // Two days after the log: 1 h, 5 min and 1 min rows are retained, 2 s rows are not.
  const now = to + 2 * 24 * HOUR;
  const band = relativeErrorOf(14);

  function expectPeaks(points: { t: string; value: number; low?: number; high?: number }[]): void {
    const got = new Map(points.map((p) => [Date.parse(p.t), p]));
    expect([...got.keys()].sort()).toEqual([...exact.keys()].sort());
    for (const [hour, truth] of exact) {
      const p = got.get(hour)!;
      // Within twice the sketch's standard error, or one user where counts are small.
      expect(Math.abs(p.value - truth), `${new Date(hour).toISOString()}: ${p.value} vs ${truth}`).toBeLessThanOrEqual(
        Math.max(1, 2 * band * truth),
      );
    }
  }

  it('writes the peak CCU of every imported hour, within the sketch band of the exact count', async () => {
    const t = await openTestCollector(now);
    try {
      await importLog(t.collector);
      // Quiet for one flush: the import is complete and the hours are recomputed.
      await t.advanceTo(now + BUCKET);
      await t.advanceTo(now + 2 * BUCKET);
      const series = await t.collector.series({ metric: 'ccu', step: '1h', from, to });
      expect(series.points.length).toBe(exact.size);
      expectPeaks(series.points);
      // The busiest hour is far above one user per window: the check is not trivially satisfied.
      expect(Math.max(...exact.values())).toBeGreaterThan(50);
      // The instance's own rows carry the gauge too, and coarse rows agree with fine ones.
      const instance = await t.collector.series({ metric: 'ccu', step: '1h', from, to, instance: 'web-1' });
      expectPeaks(instance.points);
      const fiveMin = await t.collector.series({ metric: 'ccu', step: '5m', from, to });
      const peakOf5m = new Map<number, number>();
      for (const p of fiveMin.points) {
        const hour = Math.floor(Date.parse(p.t) / HOUR) * HOUR;
        peakOf5m.set(hour, Math.max(peakOf5m.get(hour) ?? 0, p.value));
      }
      for (const p of series.points) expect(peakOf5m.get(Date.parse(p.t))).toBe(p.value);
      // CCU at a past instant of the import reads the recomputed 1 min gauge (its 2 s rows are not kept).
      const busiest = [...exact.entries()].sort((a, b) => b[1] - a[1])[0][0];
      const minutes = await t.collector.series({ metric: 'ccu', step: '1m', from: busiest, to: busiest + HOUR });
      const top = minutes.points.sort((a, b) => b.value - a.value)[0];
      const ccuAt = await t.collector.concurrentUsers({ at: Date.parse(top.t) + 60_000 });
      expect(ccuAt.value).toBeGreaterThan(0);
      expect(ccuAt.value).toBe(Math.round(top.stats?.avg ?? -1));
      // min ≤ avg ≤ peak in every hour.
      for (const p of series.points) {
        expect(p.stats?.min ?? 0).toBeLessThanOrEqual(p.stats?.avg ?? 0);
        expect(p.stats?.avg ?? 0).toBeLessThanOrEqual(p.value);
      }
    } finally {
      await t.dispose();
    }
  });

  it('gives the same gauges to history POSTed to a running server (import --server)', async () => {
    const t = await openTestCollector(now);
    try {
      const app = createApp({ collector: t.collector, now: t.now, log: () => undefined });
      const lines = readFileSync(LOG, 'utf8').split('\n');
      for (let i = 0; i < lines.length; i += 2_000) {
        const res = await app.request('/api/v1/ingest/access-log?format=combined&instance=web-1', {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: lines.slice(i, i + 2_000).join('\n'),
        });
        expect(res.status).toBe(200);
      }
      // The server's ticker: the flush that stores the last chunk, then a quiet one that recomputes.
      await t.advanceTo(now + BUCKET);
      await t.advanceTo(now + 2 * BUCKET);
      expectPeaks((await t.collector.series({ metric: 'ccu', step: '1h', from, to })).points);
    } finally {
      await t.dispose();
    }
  });

  it('completes the gauges when the import closes the collector, and they survive a reopen', async () => {
    const t = await openTestCollector(now);
    await importLog(t.collector);
    await t.collector.close(); // What `promptops import --data` does at the end.
    const reopened = await openCollector({ dataDir: t.dataDir, autoTick: false, clock: () => now });
    try {
      const series = await reopened.series({ metric: 'ccu', step: '1h', from, to });
      expectPeaks(series.points);
    } finally {
      await reopened.close();
      await t.dispose();
    }
  });

  it('completes the gauges after a kill between the flush that stored the import and the recompute', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'promptops-gauge-kill-'));
    try {
      const first = await openCollector({ dataDir, autoTick: false, clock: () => now });
      await importLog(first);
      // The import's rows and rollups are committed and the journal is truncated; the hours still wait
      // for their gauges (they were touched by this flush). The process dies here: nothing else runs.
      await first.flush();
      expect((await first.series({ metric: 'ccu', step: '1h', from, to })).points.every((p) => p.value === 0)).toBe(
        true,
      );
      await first.store.close();
      const restarted = await openCollector({ dataDir, autoTick: false, clock: () => now });
      try {
        // A quiet flush after the restart: the hours, staged again from the raw transactions, are due.
        await restarted.flush();
        await restarted.flush();
        expectPeaks((await restarted.series({ metric: 'ccu', step: '1h', from, to })).points);
      } finally {
        await restarted.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('gauges of a live hour that late data changed', () => {
  const MIN = 60_000;
  const H = Date.UTC(2026, 10, 20, 9); // an hour the collector saw live
  const live: Transaction[] = [];
  for (let m = 0; m < 60; m++)
    for (let i = 0; i < 50; i++)
      if ((i + m) % 3 === 0) live.push(txAt(H + m * MIN + i * 997, { clientIp: `10.0.0.${i}` }));
  // Arrives after the hour left the engine's memory: 100 more users in minutes 30–40.
  const late = Array.from({ length: 300 }, (_, j) => txAt(H + 30 * MIN + j * 2_000, { clientIp: `10.9.${j % 100}.1` }));

  it('recomputes it exactly where the 2 s rows are retained, and never lowers the live figures', async () => {
    const t = await openTestCollector(H);
    try {
      for (let m = 0; m < 60; m++) {
        t.collector.transactions(live.filter((x) => x.time >= H + m * MIN && x.time < H + (m + 1) * MIN));
        await t.advanceTo(H + (m + 1) * MIN);
      }
      const lateAt = H + 2 * HOUR + 30_000; // hour H is out of memory; its own 2 s rows are retained (2 h)
      await t.advanceTo(lateAt);
      const before = await t.collector.series({ metric: 'ccu', step: '1h', from: H, to: H + HOUR });
      expect(before.points[0].value).toBeLessThanOrEqual(60);
      const liveMinutes = await t.collector.series({ metric: 'ccu', step: '1m', from: H, to: H + HOUR });
      const liveOf = new Map(liveMinutes.points.map((p) => [p.t, p.value]));
      expect(t.collector.transactions(late).rejected).toBe(0);
      await t.advanceTo(lateAt + BUCKET);
      await t.advanceTo(lateAt + 2 * BUCKET);

      const truthHour = exactPeaks([...live, ...late]).get(H)!;
      const truthMinutes = exactPeaks([...live, ...late], MIN);
      expect(truthHour).toBeGreaterThan(140);
      const hour = await t.collector.series({ metric: 'ccu', step: '1h', from: H, to: H + HOUR });
      expect(Math.abs(hour.points[0].value - truthHour)).toBeLessThanOrEqual(Math.max(1, 2 * 0.0081 * truthHour));
      const minutes = await t.collector.series({ metric: 'ccu', step: '1m', from: H, to: H + HOUR });
      for (const p of minutes.points) {
        const start = Date.parse(p.t);
        const truth = truthMinutes.get(start)!;
        // Minutes whose windows lie in retained 2 s rows are exact; the first five keep a lower bound.
        if (start >= H + 5 * MIN)
          expect(Math.abs(p.value - truth), p.t).toBeLessThanOrEqual(Math.max(1, 2 * 0.0081 * truth));
        else expect(p.value).toBeLessThanOrEqual(truth + 1);
        expect(p.value, p.t).toBeGreaterThanOrEqual(liveOf.get(p.t) ?? 0);
      }
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
