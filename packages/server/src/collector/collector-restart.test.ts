import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TOTAL_INSTANCE } from '../rollup/rollup-row.js';
import type { Transaction } from '../model/transaction.js';
import { openCollector } from './collector.js';
import type { Collector } from './collector.js';
import { KILL_POINTS } from './testing/kill-points.js';
import type { KillPoint } from './testing/kill-points.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const childScript = path.join(here, 'testing', 'kill-ingest-child.ts');

/** The store's per-query row cap (`limitOf` in duckdb-store.ts). */
const QUERY_CAP = 100_000;

/**
 * Runs the child until two flushes committed and `minAcks` more batches were acknowledged after the
 * last one (so the kill lands with data both checkpointed and only journaled), then SIGKILLs it. With
 * a kill point the child kills itself in that exact window instead.
 */
async function ingestThenKill(
  dataDir: string,
  minAcks: number,
  killPoint?: KillPoint,
): Promise<{ lastAck: number; flushed: number }> {
  const args = ['--import', 'tsx', childScript, dataDir, ...(killPoint === undefined ? [] : [killPoint])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let lastAck = -1;
  let flushed = -1;
  let flushes = 0;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('ack ')) lastAck = Number(line.slice(4));
        if (line.startsWith('flushed ')) {
          flushed = Number(line.slice(8));
          flushes++;
        }
      }
      const due = killPoint === undefined && flushes >= 2 && lastAck - flushed >= minAcks;
      if (due && child.exitCode === null) child.kill('SIGKILL');
    });
    // Wait for stdout to drain too: 'exit' can fire before the last acks were read.
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ lastAck, flushed });
      else reject(new Error(`child exited with ${code}: ${stderr}`));
    });
  });
}

/**
 * Every stored transaction in [from, to). One query returns at most QUERY_CAP rows (the earliest by
 * time), so a range that fills the cap is split in halves until none does: a fast ingest puts more
 * than 100,000 rows in 2 s, and reading fixed slices silently dropped the tail of a full slice.
 */
async function readAllTransactions(collector: Collector, from: number, to: number): Promise<Transaction[]> {
  const rows = await collector.queryTransactions({ from, to, limit: QUERY_CAP });
  if (rows.length < QUERY_CAP) return rows;
  if (to - from <= 1) throw new Error(`more than ${QUERY_CAP} transactions in one millisecond at ${from}`);
  const mid = Math.floor((from + to) / 2);
  return (await readAllTransactions(collector, from, mid)).concat(await readAllTransactions(collector, mid, to));
}

/**
 * Reopens a killed child's data directory and checks that every acknowledged batch is stored whole
 * and exactly once, and that the rollups count exactly the stored rows.
 */
async function expectNothingLost(dataDir: string, lastAck: number): Promise<void> {
  // Reopen with the clock a minute ahead: every bucket is past its grace and gets finalized.
  const collector = await openCollector({
    dataDir,
    modes: 'user,ip',
    autoTick: false,
    clock: () => Date.now() + 60_000,
  });
  try {
    await collector.flush();
    const [first] = await collector.queryTransactions({ from: 0, to: Date.now() + 3_600_000, limit: 1 });
    let raw: Transaction[] = [];
    for (let t = first.time; t < Date.now() + 60_000; t += 2_000)
      raw = raw.concat(await readAllTransactions(collector, t, t + 2_000));
    const batches = new Map<number, number>();
    for (const tx of raw) {
      const b = Number(tx.url.split('/')[2]);
      batches.set(b, (batches.get(b) ?? 0) + 1);
    }
    for (let b = 0; b <= lastAck; b++) expect(batches.get(b), `batch ${b}`).toBe(200);
    // Batches journaled but killed before their ack was printed may also be there, whole.
    for (const [b, count] of batches) expect(count, `batch ${b}`).toBe(200);
    // Rollups cover exactly the raw rows: nothing lost, nothing counted twice on replay.
    const minutes = await collector.store.queryRollups({
      level: '1m',
      instance: TOTAL_INSTANCE,
      from: 0,
      to: Date.now() + 3_600_000,
      withSketches: false,
    });
    expect(minutes.reduce((n, r) => n + r.transactions, 0)).toBe(raw.length);
    const hours = await collector.store.queryRollups({
      level: '1h',
      from: 0,
      to: Date.now() + 3_600_000,
      withSketches: false,
    });
    const perInstance = hours.filter((r) => r.instance !== TOTAL_INSTANCE).reduce((n, r) => n + r.transactions, 0);
    expect(perInstance).toBe(raw.length);
    expect((await collector.concurrentUsers({ at: Date.now() + 10_000 })).value).toBeGreaterThan(800);
  } finally {
    await collector.close();
  }
}

describe('Collector restart', () => {
  it('answers the same CCU and series after a clean restart (window restored from the store)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-restart-'));
    const t0 = Date.UTC(2026, 0, 5, 10, 0, 0);
    let clock = t0;
    const options = { dataDir, modes: 'user', autoTick: false, clock: () => clock } as const;
    try {
      const first = await openCollector(options);
      for (let i = 0; i < 90; i++) {
        first.transactions([
          {
            time: clock,
            durationMs: 5,
            status: 200,
            error: false,
            method: 'GET',
            url: '/',
            route: '/',
            instance: `app-${i % 2}`,
            service: 's',
            clientIp: '10.0.0.1',
            userId: `u${i}`,
            bytes: 1,
          },
        ]);
        clock += 2000;
        await first.tick();
      }
      const before = await first.concurrentUsers();
      const seriesBefore = await first.series({ metric: 'ccu', step: '1m', from: t0, to: clock });
      await first.close();
      const second = await openCollector(options);
      try {
        expect(await second.concurrentUsers()).toEqual(before);
        expect(await second.series({ metric: 'ccu', step: '1m', from: t0, to: clock })).toEqual(seriesBefore);
        // The restored window keeps sliding: 5 min later the users age out.
        clock += 400_000;
        expect((await second.concurrentUsers()).value).toBe(0);
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('loses nothing acknowledged when the process is killed mid-ingest', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-kill-'));
    try {
      const { lastAck, flushed } = await ingestThenKill(dataDir, 50);
      expect(flushed).toBeGreaterThan(0);
      expect(lastAck).toBeGreaterThan(flushed + 49);
      await expectNothingLost(dataDir, lastAck);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  // The two crash windows of a flush, hit exactly: rotated segments must be replayed and loaded when
  // the store transaction never committed, and must not be loaded a second time when it committed but
  // the process died before deleting them.
  it.each(KILL_POINTS)(
    'loses nothing and loads nothing twice when killed %s of a flush',
    async (killPoint) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `promptops-kill-${killPoint}-`));
      try {
        const { lastAck, flushed } = await ingestThenKill(dataDir, 0, killPoint);
        expect(flushed).toBeGreaterThan(0);
        expect(lastAck).toBeGreaterThan(flushed);
        // The kill really landed with journal segments on disk (the window under test).
        expect(fs.readdirSync(path.join(dataDir, 'journal')).filter((f) => f.startsWith('tx-')).length).toBeGreaterThan(
          1,
        );
        await expectNothingLost(dataDir, lastAck);
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
