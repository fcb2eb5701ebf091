/**
 * `/metrics` as Prometheus sees it: the exposition passes `promtool check metrics`, and a real
 * Prometheus scraping the running collector every second reports the same concurrent users as the
 * REST API, per instance and in total.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/src/api/server.js';
import { tracesJson } from '../packages/server/src/api/testing/otlp-spans.js';
import { openCollector, type Collector } from '../packages/server/src/collector/collector.js';
import { findBinary, requireService, tcpReachable } from './support/services.js';

const promtool = findBinary('promtool');
const prometheus = findBinary('prometheus');
const PROMETHEUS_PORTS = [9190, 9191, 9192, 9193, 9194, 9195, 9196, 9197, 9198, 9199];

let tmp: string;
let collector: Collector;
let server: RunningServer;
let rest: { value: number; low: number; high: number; instances: { instance: string; value: number }[] };

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-prom-'));
  collector = await openCollector({ dataDir: path.join(tmp, 'data'), modes: 'user,ip' });
  server = await startServer({ collector, port: 0, log: () => undefined });
  // Users 0..59 on was-1, 40..99 on was-2: 100 distinct in total, 60 per instance.
  const now = Date.now();
  for (const [instance, first] of [
    ['was-1', 0],
    ['was-2', 40],
  ] as const) {
    const spans = Array.from({ length: 60 }, (_, i) => ({
      time: now - 3000 + i * 10,
      userId: `user-${first + i}`,
      clientIp: `10.0.${first + i}.1`,
      durationMs: 5 + i * 7,
      status: i % 20 === 0 ? 503 : 200,
    }));
    const res = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(tracesJson(instance, spans)),
    });
    expect(res.status).toBe(200);
  }
  rest = (await (await fetch(`${server.url}/api/v1/concurrent-users?mode=user`)).json()) as typeof rest;
});

afterAll(async () => {
  await server?.close();
  await collector?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('/metrics exposition', () => {
  it('passes promtool check metrics', async (ctx) => {
    if (!requireService('promtool', promtool !== undefined, 'Debian package prometheus provides /usr/bin/promtool')) {
      ctx.skip();
    }
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('promptops_transaction_duration_seconds_bucket');
    const check = spawnSync(promtool!, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(check.stdout + check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});

async function freePort(): Promise<number | undefined> {
  for (const port of PROMETHEUS_PORTS) if (!(await tcpReachable('127.0.0.1', port, 200))) return port;
  return undefined;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

interface PromVector {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

describe('a real Prometheus scraping the collector', () => {
  let child: ChildProcess | undefined;
  let promUrl = '';
  let log = '';

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('sees the same concurrent users as the REST API', async (ctx) => {
    if (
      !requireService('prometheus', prometheus !== undefined, 'Debian package prometheus provides /usr/bin/prometheus')
    ) {
      ctx.skip();
    }
    const port = await freePort();
    if (port === undefined) throw new Error(`no free port for Prometheus in ${PROMETHEUS_PORTS.join(', ')}`);
    promUrl = `http://127.0.0.1:${port}`;
    const target = new URL(server.url).host;
    const config = path.join(tmp, 'prometheus.yml');
    // honor_labels keeps the collector's own `instance` label instead of renaming it exported_instance.
    fs.writeFileSync(
      config,
      [
        'global:',
        '  scrape_interval: 1s',
        '  evaluation_interval: 1s',
        'scrape_configs:',
        '  - job_name: promptops',
        '    honor_labels: true',
        '    static_configs:',
        `      - targets: ['${target}']`,
        '',
      ].join('\n'),
    );
    child = spawn(
      prometheus!,
      [
        `--config.file=${config}`,
        `--storage.tsdb.path=${path.join(tmp, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));

    const query = (q: string) =>
      fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(q)}`).then((r) => r.json() as Promise<PromVector>);
    const series = await waitFor(
      'Prometheus to scrape promptops_concurrent_users',
      async () => {
        const res = await query('promptops_concurrent_users{mode="user"}');
        return res.data.result.length >= 3 ? res.data.result : undefined;
      },
      40_000,
    ).catch((err: Error) => {
      throw new Error(`${err.message}\nprometheus log:\n${log.slice(-2000)}`);
    });

    const seen = Object.fromEntries(series.map((s) => [s.metric.instance, Number(s.value[1])]));
    // The estimate's band holds the true 100; Prometheus must show exactly what the REST API says.
    expect(rest.low).toBeLessThanOrEqual(100);
    expect(rest.high).toBeGreaterThanOrEqual(100);
    expect(seen['*']).toBe(rest.value);
    expect(rest.instances.map((i) => i.instance).sort()).toEqual(['was-1', 'was-2']);
    for (const i of rest.instances) expect(seen[i.instance]).toBe(i.value);

    const up = await query('up{job="promptops"}');
    expect(up.data.result[0].value[1]).toBe('1');
    // Counters and the histogram survive the scrape too: 6 of the 120 spans were 503s.
    const errors = await query('promptops_transaction_errors_total{instance="*"}');
    expect(Number(errors.data.result[0].value[1])).toBe(6);
    const p99 = await query('histogram_quantile(0.99, promptops_transaction_duration_seconds_bucket{instance="*"})');
    expect(Number(p99.data.result[0].value[1])).toBeGreaterThan(0.2);
  });
});
