/**
 * The listener over real sockets: garbage on the wire, uploads abandoned mid-body, bodies that never
 * end, a burst of concurrent clients — none of it stops the server — and `close()` returns even with
 * keep-alive connections open. Also `promptops serve` as a process: it prints where it listens,
 * honours PROMPTOPS_PORT, and on SIGTERM flushes so a restart sees what was acknowledged.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/src/api/server.js';
import { tracesJson } from '../packages/server/src/api/testing/otlp-spans.js';
import { openCollector, type Collector } from '../packages/server/src/collector/collector.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const bin = path.join(repoRoot, 'packages/server/bin/promptops.js');

let tmp: string;
let collector: Collector;
let server: RunningServer;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-server-'));
  collector = await openCollector({ dataDir: path.join(tmp, 'data') });
  server = await startServer({
    collector,
    port: 0,
    limits: { maxBodyBytes: 1024 * 1024, maxDecompressedBytes: 1024 * 1024 },
    log: () => undefined,
  });
});

afterAll(async () => {
  await server?.close();
  await collector?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Writes raw bytes to the listener and returns whatever comes back before it closes (or 2 s). */
function raw(bytes: string | Buffer, waitMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1');
    let got = '';
    socket.on('data', (d) => (got += d.toString()));
    socket.on('error', () => resolve(got));
    socket.on('close', () => resolve(got));
    socket.setTimeout(waitMs, () => socket.destroy());
    socket.write(bytes);
  });
}

async function healthy(): Promise<boolean> {
  const res = await fetch(`${server.url}/healthz`);
  return res.status === 200;
}

describe('the listener under abuse', () => {
  it('answers 400 to garbage that is not HTTP and keeps serving', async () => {
    const reply = await raw('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 400/);
    expect(await healthy()).toBe(true);
  });

  it('survives a client that disconnects mid-upload', async () => {
    await raw(
      'POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"resourceSpans":[',
      200,
    );
    expect(await healthy()).toBe(true);
  });

  it('cuts off a chunked body that exceeds the limit with 413', async () => {
    const failed = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/^promptops_ingest_failed_requests_total\{signal="access_log"\} (\d+)$/m.exec(text)?.[1]);
    };
    const before = await failed();
    const status = await new Promise<number | 'reset'>((resolve) => {
      const req = http.request(
        `${server.url}/api/v1/ingest/access-log?format=combined&instance=x`,
        { method: 'POST', headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      // The server may answer and close while we still write; the counter below tells what it did.
      req.on('error', () => resolve('reset'));
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < 64 && req.write(chunk)) sent++;
        if (sent < 64) req.once('drain', pump);
        else req.end();
      };
      pump();
    });
    if (status !== 'reset') expect(status).toBe(413);
    expect(await failed()).toBe(before + 1);
    expect(await healthy()).toBe(true);
  });

  it('serves a burst of concurrent ingest and query clients', async () => {
    const now = Date.now();
    const jobs = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? fetch(`${server.url}/v1/traces`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(tracesJson(`was-${i % 4}`, [{ time: now - 2500, userId: `burst-${i}` }])),
          })
        : fetch(`${server.url}/api/v1/concurrent-users`),
    );
    const statuses = (await Promise.all(jobs)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it('closes with keep-alive connections open', async () => {
    const second = await startServer({ collector, port: 0, closeGraceMs: 500, log: () => undefined });
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      http.get(`${second.url}/healthz`, { agent }, (r) => r.resume().on('end', resolve)),
    );
    const started = Date.now();
    await second.close();
    expect(Date.now() - started).toBeLessThan(3000);
    agent.destroy();
  });

  it('refuses to start on a port already in use, saying so', async () => {
    await expect(startServer({ collector, port: server.port })).rejects.toThrow(/already in use/);
  });
});

/** Starts `promptops serve` and resolves with the URL it prints. */
function serveProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    cwd: tmp,
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('promptops serve', () => {
  it('listens where told, flushes on SIGTERM, and a restart keeps the data', async () => {
    const data = path.join(tmp, 'serve-data');
    const first = await serveProcess(['--data', data, '--host', '127.0.0.1', '--mode', 'user,ip'], {
      PROMPTOPS_PORT: '0',
    });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);
    const time = Date.now() - 1000;
    const ingest = await fetch(`${first.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tracesJson('was-1', [{ time, userId: 'persisted-user' }])),
    });
    expect(ingest.status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await exitOf(first.child)).toBe(0);
    expect(first.output()).toMatch(/stopped/);

    const second = await serveProcess(['--data', data, '--port', '0', '--mode', 'user,ip']);
    try {
      const res = await fetch(`${second.url}/api/v1/users/persisted-user/requests?from=-1h`);
      expect(((await res.json()) as { count: number }).count).toBe(1);
    } finally {
      second.child.kill('SIGINT');
      expect(await exitOf(second.child)).toBe(0);
    }
  });

  it('fails fast on bad options, listing every problem by its flag', async () => {
    const attempt = serveProcess([
      '--data',
      path.join(tmp, 'bad'),
      '--port',
      'http',
      '--mode',
      'users',
      '--window',
      '301',
    ]);
    const err = await attempt.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/exited with 2/);
    expect(err?.message).toMatch(/--port 'http' is not a whole number/);
    expect(err?.message).toMatch(/--mode: .*'users'/);
    expect(err?.message).toMatch(/--window: .*multiple of 2/);
    expect(fs.existsSync(path.join(tmp, 'bad'))).toBe(false); // nothing was opened
  });
});
