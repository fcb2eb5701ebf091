/**
 * `promptops ask --data DIR` as a process: it opens the data directory read-only — it answers from
 * the stored history and leaves every file of the directory as it was, several can ask at once — and
 * while a server holds the directory for writing it fails with one clear line naming --server, without
 * disturbing the writer.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskAnswer } from '../../ask/answer/answer-types.js';
import { openCollector } from '../../collector/collector.js';
import type { Transaction } from '../../model/transaction.js';
import { createSimulatedDataDir } from '../../sim/testing/simulated-data-dir.js';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../../bin/promptops.js');
const DAY = 86_400_000;

let tmp: string;
let dataDir: string;

async function ask(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [bin, 'ask', ...args], { cwd: tmp, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every file under the directory with its size, modification time and content hash. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    if (entry.isDirectory()) {
      out[rel] = 'dir';
      continue;
    }
    const st = fs.statSync(full);
    out[rel] = `${st.size} ${st.mtimeMs} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`;
  }
  return out;
}

beforeAll(async () => {
  ({ tmp, dataDir } = await createSimulatedDataDir({
    prefix: 'promptops-ask-cli-',
    seed: 3,
    peakCcu: 200,
    retentionMs: { '2s': 0, '1m': 0, '5m': DAY, '1h': 4 * DAY },
  }));
}, 180_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('promptops ask --data', () => {
  it('answers from the stored history and writes nothing to the data directory', async () => {
    const before = snapshot(dataDir);
    const r = await ask(['yesterday', 'peak', 'CCU?', '--data', dataDir, '--mode', 'user,ip', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout) as AskAnswer;
    expect(answer.intent).toBe('concurrent_users.stats');
    expect(answer.data.rows.length).toBeGreaterThan(0);
    expect(Number(answer.data.rows[0]?.max)).toBeGreaterThan(0);
    // Read-only: no journal created, no schema or state written, no WAL left behind.
    expect(snapshot(dataDir)).toEqual(before);
  }, 120_000);

  it('lets several asks read the directory at the same time', async () => {
    const [a, b] = await Promise.all([
      ask(['지금', '동접', '몇', '명이야?', '--data', dataDir, '--mode', 'user,ip', '--json']),
      ask(['어제', '동접', '추이', '--data', dataDir, '--mode', 'user,ip', '--json']),
    ]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
    expect((JSON.parse(a.stdout) as AskAnswer).intent).toBe('concurrent_users.now');
    expect((JSON.parse(b.stdout) as AskAnswer).intent).toBe('concurrent_users.trend');
  }, 120_000);

  it('fails with one clear line naming --server while a server holds the directory, and the writer keeps writing', async () => {
    const writer = await openCollector({ dataDir, modes: 'user,ip', autoTick: false });
    try {
      const r = await ask(['how many concurrent users right now?', '--data', dataDir, '--mode', 'user,ip']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('held by a running server');
      expect(r.stderr).toContain('--server http://127.0.0.1:4318');
      expect(r.stderr).toContain('(conflict)');
      const t = Date.now();
      const tx: Transaction = {
        time: t,
        durationMs: 12,
        status: 200,
        error: false,
        method: 'GET',
        url: '/',
        route: '/',
        instance: 'was1',
        service: 'shop',
        clientIp: '10.0.0.1',
        userId: 'u1',
        bytes: 100,
      };
      const report = writer.transactions([tx]);
      expect(report.accepted).toBe(1);
      await writer.flush();
      expect(writer.lastFlushError).toBeNull();
    } finally {
      await writer.close();
    }
  }, 120_000);
});
