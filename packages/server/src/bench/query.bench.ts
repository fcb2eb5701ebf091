/**
 * `npx promptops bench query`: read-side latency and footprint of the collector.
 * - CCU now: `concurrentUsers()` p50/p99 with 10 instances × 3 modes of live traffic (dense sketches,
 *   a full 5 min window) while ingest continues between queries.
 * - 30-day series: `series()` at 1 h steps over 30 days (ccu, transactions, visitors) and at 5 min
 *   steps over 1 day, on 35 days of stored rollups of 10 instances + the total.
 * - Footprint: DuckDB bytes per instance per day of 1 min + 5 min + 1 h rollups, bytes of the 2 s
 *   level (kept 2 h), and live heap per instance.
 * Options (`--set key=value`): `queries=N`, `days=N`. `--quick` runs a small version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HyperLogLog } from '@promptops/sketch';
import type { Collector } from '../collector/collector.js';
import { openCollector } from '../collector/collector.js';
import { seededRandom, syntheticTransaction } from '../collector/testing/synthetic-traffic.js';
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import { LATENCY_BOUNDS_MS, LEVEL_MS, TOTAL_INSTANCE } from '../rollup/rollup-row.js';
import type { RollupLevel, RollupRow, UserStats } from '../rollup/rollup-row.js';
import type { BenchModule, BenchOptions } from './bench-module.js';
import { machineHeader } from './machine-info.js';

const MODES: UserKeyMode[] = ['user', 'cookie', 'ip'];
const INSTANCES = 10;
const DAY = 86_400_000;

function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));

async function timed<T>(fn: () => Promise<T>): Promise<number> {
  const a = performance.now();
  await fn();
  return performance.now() - a;
}

/** Live traffic: 10 instances, 40,000 users over 6 min, then CCU-now queries with ingest in between. */
async function ccuNow(collector: Collector, setClock: (t: number) => void, t0: number, queries: number) {
  const rand = seededRandom(9);
  const batchOf = (t: number, n: number): Transaction[] =>
    Array.from({ length: n }, () => {
      const user = Math.floor(rand() * 40_000);
      return syntheticTransaction(rand, t + Math.floor(rand() * 2000), user, `app-${user % INSTANCES}`);
    });
  let t = t0;
  for (; t < t0 + 6 * 60_000; t += 2000) {
    collector.transactions(batchOf(t, 400));
    setClock(t + 2000);
    await collector.tick();
  }
  const samples: number[] = [];
  for (let i = 0; i < queries; i++) {
    collector.transactions(batchOf(t, 50));
    if (i % 20 === 19) {
      t += 2000;
      setClock(t);
      await collector.tick();
    }
    samples.push(await timed(() => collector.concurrentUsers()));
  }
  const r = await collector.concurrentUsers();
  return {
    best: Math.min(...samples),
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    value: r.value,
    instances: r.instances.length,
  };
}

/** Sketches of `users` keys, built once per size and reused across rows (storage cost is the same). */
const sketchPool = new Map<number, Uint8Array[]>();
function pooledSketch(users: number, rand: () => number): Uint8Array {
  let pool = sketchPool.get(users);
  if (pool === undefined) {
    pool = [];
    for (let p = 0; p < 8; p++) {
      const h = new HyperLogLog();
      for (let i = 0; i < users; i++) h.add(`k-${p}-${i}`);
      pool.push(h.toBytes());
    }
    sketchPool.set(users, pool);
  }
  return pool[Math.floor(rand() * pool.length)];
}

/** A plausible stored row: a sketch of `users` keys per mode and gauges around them. */
function row(level: RollupLevel, instance: string, start: number, users: number, rand: () => number): RollupRow {
  const u: Partial<Record<UserKeyMode, UserStats>> = {};
  for (const mode of MODES)
    u[mode] = {
      sketch: pooledSketch(users, rand),
      ccuMax: users * 0.6,
      ccuMin: users * 0.3,
      ccuAvg: users * 0.45,
      samples: 30,
    };
  const latency = LATENCY_BOUNDS_MS.map(() => Math.floor(rand() * 100)).concat([0]);
  const tx = latency.reduce((a, b) => a + b, 0);
  return {
    level,
    instance,
    start,
    users: u,
    transactions: tx,
    errors: Math.floor(tx * 0.01),
    latency,
    durationSumMs: tx * 40,
    bytes: tx * 5000,
    sessions: users * 3,
    cpuAvg: rand(),
    cpuMax: 1,
    memoryAvg: 2e9,
    memoryMax: 3e9,
    cpuSamples: 4,
    memorySamples: 4,
  };
}

/** Writes `days` of history for every instance and the total at one level; returns rows written. */
async function writeHistory(collector: Collector, level: RollupLevel, from: number, to: number, users: number) {
  const rand = seededRandom(level.length * 31 + users);
  let rows: RollupRow[] = [];
  let written = 0;
  for (let start = from; start < to; start += LEVEL_MS[level]) {
    for (let i = 0; i < INSTANCES; i++) rows.push(row(level, `app-${i}`, start, users, rand));
    rows.push(row(level, TOTAL_INSTANCE, start, users * 4, rand));
    if (rows.length >= 5000) {
      await collector.store.upsertRollups(rows);
      written += rows.length;
      rows = [];
    }
  }
  await collector.store.upsertRollups(rows);
  return written + rows.length;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const f of fs.readdirSync(dir, { withFileTypes: true }))
    total += f.isDirectory() ? dirBytes(path.join(dir, f.name)) : fs.statSync(path.join(dir, f.name)).size;
  return total;
}

async function run({ quick, params, log }: BenchOptions): Promise<string> {
  const queries = Number(params.queries ?? (quick ? 200 : 2000));
  const days = Number(params.days ?? (quick ? 3 : 35));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-bench-query-'));
  const now = Date.UTC(2026, 0, 20, 12, 0, 0);
  let clock = now - 10 * 60_000;
  const collector = await openCollector({ dataDir, modes: MODES, autoTick: false, clock: () => clock });
  const lines = [machineHeader('Collector queries: CCU now, long series, storage per instance')];
  try {
    // Sketch registers live in ArrayBuffers, outside the JS heap: count both.
    const usedMemory = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const heapBefore = usedMemory();
    log('query: live traffic and CCU-now');
    const live = await ccuNow(collector, (t) => (clock = t), clock, queries);
    const heapPerInstance = (usedMemory() - heapBefore) / INSTANCES;

    log(`query: writing ${days} days of history`);
    const sizeBefore = dirBytes(dataDir);
    const hourRows = await writeHistory(collector, '1h', now - days * DAY, now, 2000);
    const fiveRows = await writeHistory(collector, '5m', now - Math.min(days, 35) * DAY, now, 600);
    const minuteRows = await writeHistory(collector, '1m', now - Math.min(days, 2) * DAY, now, 150);
    await collector.store.close().catch(() => undefined);
    const rowsDays = { '1h': days, '5m': Math.min(days, 35), '1m': Math.min(days, 2) };
    const sizeAfter = dirBytes(dataDir);
    // Reopen so the series run on a checkpointed database file, as after a restart.
    const reopened = await openCollector({ dataDir, modes: MODES, autoTick: false, clock: () => now });
    try {
      const q = async (metric: 'ccu' | 'transactions' | 'visitors', step: RollupLevel, span: number) => {
        const samples: number[] = [];
        let points = 0;
        for (let i = 0; i < (quick ? 10 : 50); i++)
          samples.push(
            await timed(async () => {
              points = (await reopened.series({ metric, step, from: now - span, to: now })).points.length;
            }),
          );
        return { best: Math.min(...samples), p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), points };
      };
      const span30 = Math.min(30, days) * DAY;
      const ccu30 = await q('ccu', '1h', span30);
      const tx30 = await q('transactions', '1h', span30);
      const vis30 = await q('visitors', '1h', span30);
      const ccu1d = await q('ccu', '5m', DAY);
      const rowsTotal = hourRows + fiveRows + minuteRows;
      const bytesPerRow = (sizeAfter - sizeBefore) / rowsTotal;
      const perInstanceDay =
        (bytesPerRow * (hourRows / rowsDays['1h'] + fiveRows / rowsDays['5m'] + minuteRows / rowsDays['1m'])) /
        (INSTANCES + 1);
      const twoSecondPerInstance = bytesPerRow * (7200 / 2);
      lines.push(
        `Modes ${MODES.join(',')}, ${INSTANCES} instances + the total. CCU now: 40,000 users over a 5 min ` +
          `window, queried ${queries} times with ingest between queries (answer: ${live.value} users, ` +
          `${live.instances} instances). Series: ${days} days of stored rollups (1 h: ${days} d, 5 min: ` +
          `${rowsDays['5m']} d, 1 min: ${rowsDays['1m']} d; each row has three dense or sparse sketches).`,
        '',
        `Load average at the end: ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(', ')} on ${os.cpus().length} cores ` + '(the best run shows the cost without neighbours).',
        '',
        '| query | best ms | p50 ms | p99 ms | points | target |',
        '|---|---:|---:|---:|---:|---|',
        `| CCU now (total + 10 instances) | ${ms(live.best)} | ${ms(live.p50)} | ${ms(live.p99)} | — | p99 ≤ 5 ms |`,
        `| series ccu, 1 h steps, 30 days | ${ms(ccu30.best)} | ${ms(ccu30.p50)} | ${ms(ccu30.p99)} | ${ccu30.points} | ≤ 50 ms |`,
        `| series transactions, 1 h steps, 30 days | ${ms(tx30.best)} | ${ms(tx30.p50)} | ${ms(tx30.p99)} | ${tx30.points} | |`,
        `| series visitors (sketch decode), 1 h steps, 30 days | ${ms(vis30.best)} | ${ms(vis30.p50)} | ${ms(vis30.p99)} | ${vis30.points} | |`,
        `| series ccu, 5 min steps, 1 day | ${ms(ccu1d.best)} | ${ms(ccu1d.p50)} | ${ms(ccu1d.p99)} | ${ccu1d.points} | |`,
        '',
        '| footprint | value |',
        '|---|---:|',
        `| DuckDB bytes per rollup row (3 modes, measured on ${rowsTotal.toLocaleString('en-US')} rows) | ${Math.round(bytesPerRow).toLocaleString('en-US')} |`,
        `| storage per instance per day (1 min + 5 min + 1 h rows) | ${(perInstanceDay / 2 ** 20).toFixed(2)} MiB |`,
        `| 2 s level per instance (2 h retention, same row size) | ${(twoSecondPerInstance / 2 ** 20).toFixed(1)} MiB |`,
        `| live memory per instance (heap + sketch buffers, 3 modes, full window) | ${(heapPerInstance / 2 ** 20).toFixed(1)} MiB |`,
      );
    } finally {
      await reopened.close();
    }
  } finally {
    await collector.close().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return lines.join('\n');
}

export const bench: BenchModule = {
  description: 'collector CCU-now latency, 30-day series latency, storage and heap per instance',
  run,
};
