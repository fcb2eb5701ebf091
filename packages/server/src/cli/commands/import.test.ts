/**
 * `promptops import` end to end: the real CLI process (bin/promptops.js) writing into a real local
 * collector, and into a real server (collector + HTTP listener in this process) with `--server`,
 * including `--follow` across appends, rotation and truncation.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../api/server.js';
import type { RunningServer } from '../../api/server.js';
import { openCollector } from '../../collector/collector.js';
import type { Collector } from '../../collector/collector.js';

const BIN = fileURLToPath(new URL('../../../bin/promptops.js', import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptops-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function clf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
/** `n` combined lines stamped in the last minutes, from `n` distinct clients. */
function lines(n: number, tag: string): string {
  const now = Date.now();
  return Array.from(
    { length: n },
    (_, i) =>
      `198.51.100.${i % 250} - - [${clf(now - 60_000 + i * 10)}] "GET /${tag}/${i} HTTP/1.1" 200 ${100 + i} "-" "test"\n`,
  ).join('');
}

function run(args: string[]): {
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  kill: (s: NodeJS.Signals) => void;
} {
  const child = spawn(process.execPath, [BIN, 'import', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { done, kill: (s) => child.kill(s) };
}

async function stored(collector: Collector, instance: string): Promise<number> {
  await collector.flush();
  const now = Date.now();
  return (await collector.queryTransactions({ from: now - 3_600_000, to: now + 60_000, instance, limit: 10_000 }))
    .length;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('promptops import (local data directory)', () => {
  it('imports an access log, reports the broken line, and the collector holds the rest', async () => {
    const file = path.join(tmp, 'local.log');
    const future = `198.51.100.1 - - [${clf(Date.now() + 86_400_000)}] "GET /future HTTP/1.1" 200 1 "-" "test"\n`;
    writeFileSync(file, `${lines(25, 'a')}this line is broken\r\n\r\n${lines(25, 'b')}${future}`);
    const dataDir = path.join(tmp, 'data-local');
    const { code, stdout } = await run([
      'access-log',
      file,
      '--format',
      'combined',
      '--instance',
      'web-1',
      '--data',
      dataDir,
      '--json',
    ]).done;
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as {
      lines: number;
      accepted: number;
      rejected: number;
      firstRejections: unknown[];
    };
    expect(summary).toMatchObject({ lines: 53, accepted: 50, rejected: 2 });
    // The parser's rejection, and the collector's (a clock far ahead), both with their line numbers.
    expect(summary.firstRejections).toEqual([
      { file, at: 26, reason: 'no [timestamp] field' },
      { file, at: 53, reason: 'collector: transaction time more than 5 min in the future' },
    ]);
    const collector = await openCollector({ dataDir, autoTick: false });
    try {
      expect(await stored(collector, 'web-1')).toBe(50);
    } finally {
      await collector.close();
    }
  });

  it('fails with a clear message when nothing matches the format', async () => {
    const file = path.join(tmp, 'wrong.log');
    writeFileSync(file, lines(3, 'w'));
    const { code, stdout, stderr } = await run([
      'access-log',
      file,
      '--format',
      'w3c',
      '--data',
      path.join(tmp, 'data-wrong'),
    ]).done;
    expect(code).toBe(2);
    expect(stdout).toContain('rejected    3');
    expect(stderr).toContain('nothing could be imported');
  });
});

describe('promptops import otlp', () => {
  it('imports OTLP JSON and JSON Lines, reporting the unreadable line', async () => {
    const start = BigInt(Date.now() - 60_000) * 1_000_000n;
    const request = (spanId: string) => ({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'otlp-svc' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '0af7651916cd43dd8448eb211c80319c',
                  spanId,
                  name: 'GET /x',
                  kind: 2,
                  startTimeUnixNano: String(start),
                  endTimeUnixNano: String(start + 5_000_000n),
                  attributes: [{ key: 'http.request.method', value: { stringValue: 'GET' } }],
                },
              ],
            },
          ],
        },
      ],
    });
    const whole = path.join(tmp, 'one.json');
    writeFileSync(whole, JSON.stringify(request('b7ad6b7169203331'), null, 2));
    const jsonl = path.join(tmp, 'many.jsonl');
    writeFileSync(
      jsonl,
      `${JSON.stringify(request('b7ad6b7169203332'))}\n{oops\n${JSON.stringify(request('b7ad6b7169203333'))}\n`,
    );
    const dataDir = path.join(tmp, 'data-otlp');
    const { code, stdout } = await run(['otlp', whole, jsonl, '--data', dataDir, '--json']).done;
    expect(code).toBe(0);
    const summary = JSON.parse(stdout) as { accepted: number; rejected: number; firstRejections: { at: number }[] };
    expect(summary).toMatchObject({ accepted: 3, rejected: 1 });
    expect(summary.firstRejections[0].at).toBe(2);
    const collector = await openCollector({ dataDir, autoTick: false });
    try {
      expect(await stored(collector, 'otlp-svc')).toBe(3);
    } finally {
      await collector.close();
    }
  });
});

describe('promptops import --server', () => {
  let collector: Collector;
  let server: RunningServer;
  beforeAll(async () => {
    collector = await openCollector({ dataDir: path.join(tmp, 'data-server') });
    server = await startServer({ collector, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await collector?.close();
  });

  it('posts W3C chunks with their #Fields header so every chunk parses', async () => {
    const file = path.join(tmp, 'iis.log');
    const day = new Date().toISOString().slice(0, 10);
    const time = new Date(Date.now() - 60_000).toISOString().slice(11, 19);
    const rows = Array.from({ length: 10 }, (_, i) => `${day} ${time} 203.0.113.${i} GET /p/${i} - 200 ${i}`);
    writeFileSync(
      file,
      [
        '#Software: test',
        '#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status time-taken',
        ...rows,
      ].join('\r\n'),
    );
    const { code, stdout } = await run([
      'access-log',
      file,
      '--format',
      'w3c',
      '--instance',
      'iis-1',
      '--server',
      server.url,
      '--chunk-lines',
      '3',
      '--json',
    ]).done;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ lines: 12, accepted: 10, rejected: 0 });
    expect(await stored(collector, 'iis-1')).toBe(10);
  });

  it('follows appends, rotation and truncation until SIGINT', async () => {
    const file = path.join(tmp, 'follow.log');
    writeFileSync(file, lines(10, 'f1'));
    const child = run(['access-log', file, '--instance', 'tail-1', '--server', server.url, '--follow', '--json']);
    await until(async () => (await stored(collector, 'tail-1')) === 10, 'the first 10 lines');
    appendFileSync(file, lines(5, 'f2'));
    await until(async () => (await stored(collector, 'tail-1')) === 15, 'appended lines');
    renameSync(file, `${file}.1`);
    writeFileSync(file, lines(7, 'f3'));
    await until(async () => (await stored(collector, 'tail-1')) === 22, 'lines of the rotated-in file');
    writeFileSync(file, lines(3, 'f4'));
    await until(async () => (await stored(collector, 'tail-1')) === 25, 'lines after truncation');
    child.kill('SIGINT');
    const { code, stdout, stderr } = await child.done;
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ lines: 25, accepted: 25, rejected: 0 });
    expect(stderr).toContain('rotated');
    expect(stderr).toContain('truncated');
  });
});
