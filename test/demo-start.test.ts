/**
 * `promptops demo` end to end: started as a user would (the CLI, an ephemeral port, a fresh data
 * directory), it must answer the concurrent-users endpoint with a positive figure and the series
 * endpoint with points over 13 months within 60 s of start.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(repoRoot, 'packages/server/bin/promptops.js');
const START_BUDGET_MS = 60_000;

let child: ChildProcess | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-demo-'));

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

describe('promptops demo', () => {
  it(
    'answers concurrent users and 13 months of series within 60 s of start',
    async () => {
      const started = Date.now();
      child = spawn(process.execPath, [BIN, 'demo', '--port', '0', '--data', dataDir], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no listening line within the budget:\n${stderr}`)),
          START_BUDGET_MS,
        );
        child?.stderr?.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const m = /listening on (http:\/\/\S+)/.exec(stderr);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child?.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${stderr}`)));
      });

      const to = new Date(started).toISOString();
      const from = new Date(started - 396 * 86_400_000).toISOString();
      let ccu = 0;
      let points: { t: string; value: number }[] = [];
      const yearAgo = started - 365 * 86_400_000;
      const answered = (): boolean => ccu > 0 && points.length > 0 && Date.parse(points[0]!.t) < yearAgo;
      while (Date.now() - started < START_BUDGET_MS && !answered()) {
        const users = (await getJson(`${url}/api/v1/concurrent-users`)) as { value: number; mode: string };
        ccu = users.value;
        const series = (await getJson(`${url}/api/v1/series?metric=ccu&step=1h&from=${from}&to=${to}`)) as {
          points: { t: string; value: number }[];
        };
        points = series.points;
        if (!answered()) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const elapsed = Date.now() - started;
      process.stderr.write(
        `demo answered after ${(elapsed / 1000).toFixed(1)} s (ccu ${ccu}, ${points.length} hourly points)\n`,
      );
      expect(ccu).toBeGreaterThan(0);
      expect(points.length).toBeGreaterThan(0);
      // The oldest point is more than a year back: the history is there, not just live traffic.
      expect(Date.parse(points[0]!.t)).toBeLessThan(yearAgo);
      expect(points.some((p) => p.value > 0)).toBe(true);
      expect(elapsed).toBeLessThan(START_BUDGET_MS);
    },
    START_BUDGET_MS + 30_000,
  );
});
