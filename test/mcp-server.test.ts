/**
 * The MCP server with the SDK's own client: over stdio (spawning `promptops mcp --data DIR`, the way
 * an MCP client launches it) and over streamable HTTP at `/mcp` on a running server. Lists the tools,
 * calls a few, and checks the structured results carry the same numbers as the REST API.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/src/api/server.js';
import { openCollector, type Collector } from '../packages/server/src/collector/collector.js';
import { seededRandom, syntheticTransaction } from '../packages/server/src/collector/testing/synthetic-traffic.js';
import { openTestCollector } from '../packages/server/src/collector/testing/test-collector.js';

const REPO = path.resolve(import.meta.dirname, '..');
const MIN = 60_000;
const MODES = 'user,ip';
// Whole minutes, far enough back that the stdio process (real clock) reads history, not live state.
const T0 = Math.floor((Date.now() - 3 * 60 * MIN) / (60 * MIN)) * 60 * MIN;
const RANGE = { from: new Date(T0).toISOString(), to: new Date(T0 + 20 * MIN).toISOString() };

interface SeriesData {
  step: string;
  series: { mode: string; points: { t: number; value: number; low?: number; high?: number }[] }[];
}
interface ToolResultJson<D> {
  data: D;
  evidence: { id: string; layer: string }[];
  caveats: string[];
}

let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-mcp-'));
  const tc = await openTestCollector(T0, { modes: MODES }, dataDir);
  const rand = seededRandom(7);
  for (let t = T0; t < T0 + 20 * MIN; t += 10_000) {
    const batch = [];
    const users = 40 + Math.round(30 * Math.sin((t - T0) / (6 * MIN)));
    for (let i = 0; i < 30; i++)
      batch.push(syntheticTransaction(rand, t + i * 300, Math.floor(rand() * users), `was${i % 2}`));
    tc.collector.transactions(batch);
    await tc.advanceTo(t + 10_000);
  }
  await tc.advanceTo(T0 + 25 * MIN);
  await tc.collector.flush();
  await tc.collector.close();
}, 120_000);

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function structured<T>(res: unknown): T {
  const r = res as { isError?: boolean; structuredContent?: unknown; content: { text: string }[] };
  if (r.isError) throw new Error(`tool error: ${r.content[0]?.text}`);
  expect(JSON.parse(r.content[0]!.text)).toEqual(r.structuredContent);
  return r.structuredContent as T;
}

let stdioSeries: SeriesData;

describe('over stdio (promptops mcp --data DIR)', () => {
  let client: Client;
  let stderr = '';

  beforeAll(async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['packages/server/bin/promptops.js', 'mcp', '--data', dataDir, '--mode', MODES],
      cwd: REPO,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    client = new Client({ name: 'promptops-test', version: '1.0.0' });
    await client.connect(transport);
  }, 60_000);

  afterAll(async () => {
    await client?.close();
  });

  it('lists one read-only tool per registry capability plus ask and search_runbooks, with schemas', async () => {
    const { tools } = await client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['concurrent_users_now', 'ccu_series', 'ccu_stats', 'ask', 'search_runbooks']),
    );
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
      expect(t.annotations?.readOnlyHint).toBe(true);
    }
    // Logs went to stderr, so the protocol on stdout stayed parseable.
    expect(stderr).toContain('serving over stdio');
  });

  it('calls ccu_series and returns structured results with evidence', async () => {
    const res = structured<ToolResultJson<SeriesData>>(
      await client.callTool({ name: 'ccu_series', arguments: { range: RANGE, step: '1m', modes: ['user'] } }),
    );
    expect(res.data.series[0]!.points.length).toBeGreaterThanOrEqual(19);
    expect(res.data.series[0]!.points.some((p) => p.value > 10)).toBe(true);
    expect(res.evidence[0]!.layer).toBe('history-rollups');
    stdioSeries = res.data;
  });

  it('searches runbooks and answers through ask', async () => {
    const rb = structured<{ hits: { file: string; heading: string }[] }>(
      await client.callTool({ name: 'search_runbooks', arguments: { query: '로그인 무차별 대입 차단', limit: 2 } }),
    );
    expect(rb.hits[0]!.file).toBe('brute-force-login.md');
    const answer = structured<{ intent: string; answer: string; evidence: unknown[] }>(
      await client.callTool({ name: 'ask', arguments: { question: '지금 동접 몇 명이야?' } }),
    );
    expect(answer.intent).toBe('concurrent_users.now');
    expect(answer.answer.length).toBeGreaterThan(0);
    expect(answer).not.toHaveProperty('runbooks');
    const rca = structured<{ intent: string; runbooks?: { file: string; citation: string }[] }>(
      await client.callTool({ name: 'ask', arguments: { question: '어제 CPU 급증 원인이 뭐야?' } }),
    );
    expect(rca.intent).toBe('rca.cpu_spike');
    expect(rca.runbooks?.[0]?.file).toBe('cpu-spike.md');
    expect(rca.runbooks?.[0]?.citation).toMatch(/^cpu-spike\.md › /);
  });

  it('reports bad input as a tool error, not a crash', async () => {
    const bad = (await client.callTool({
      name: 'ccu_series',
      arguments: { range: { from: RANGE.to, to: RANGE.from } },
    })) as { isError?: boolean };
    expect(bad.isError).toBe(true);
    const still = await client.listTools();
    expect(still.tools.length).toBeGreaterThan(3);
  });
});

describe('over streamable HTTP at /mcp, against the REST API', () => {
  let collector: Collector;
  let server: RunningServer;
  let client: Client;

  beforeAll(async () => {
    collector = await openCollector({ dataDir, modes: MODES });
    server = await startServer({ collector, port: 0, log: () => undefined });
    client = new Client({ name: 'promptops-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`)));
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await server?.close();
    await collector?.close();
  });

  it('gives the same CCU series as GET /api/v1/series (and as the stdio server)', async () => {
    const res = structured<ToolResultJson<SeriesData>>(
      await client.callTool({ name: 'ccu_series', arguments: { range: RANGE, step: '1m', modes: ['user'] } }),
    );
    const q = new URLSearchParams({ metric: 'ccu', from: RANGE.from, to: RANGE.to, step: '1m', mode: 'user' });
    const rest = (await (await fetch(`${server.url}/api/v1/series?${q}`)).json()) as {
      points: { t: string; value: number }[];
    };
    const mcpPoints = res.data.series[0]!.points.map((p) => ({ t: new Date(p.t).toISOString(), value: p.value }));
    expect(mcpPoints).toEqual(rest.points.map((p) => ({ t: p.t, value: p.value })));
    expect(res.data).toEqual(stdioSeries);
  });

  it('gives the same instances and figures as GET /api/v1/concurrent-users at an instant', async () => {
    const at = new Date(T0 + 15 * MIN).toISOString();
    const res = structured<
      ToolResultJson<{
        modes: { mode: string; total: { value: number }; instances: { instance: string; value: number }[] }[];
      }>
    >(await client.callTool({ name: 'concurrent_users_now', arguments: { at, modes: ['user'] } }));
    const rest = (await (
      await fetch(`${server.url}/api/v1/concurrent-users?${new URLSearchParams({ at, mode: 'user' })}`)
    ).json()) as { value: number; instances: { instance: string; value: number }[] };
    expect(res.data.modes[0]!.total.value).toBe(rest.value);
    expect(rest.value).toBeGreaterThan(0);
    const byName = (xs: { instance: string; value: number }[]) =>
      Object.fromEntries(xs.map((i) => [i.instance, i.value]));
    expect(byName(res.data.modes[0]!.instances)).toEqual(byName(rest.instances));
  });

  it('serves the registry over REST for --server clients', async () => {
    const list = (await (await fetch(`${server.url}/api/v1/tools`)).json()) as { tools: { name: string }[] };
    expect(list.tools.map((t) => t.name)).toContain('ccu_series');
    const run = await fetch(`${server.url}/api/v1/tools/ccu_series`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ range: RANGE, step: '1m', modes: ['user'] }),
    });
    expect(((await run.json()) as ToolResultJson<SeriesData>).data).toEqual(stdioSeries);
    const missing = await fetch(`${server.url}/api/v1/tools/nope`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(missing.status).toBe(404);
    const huge = await fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    const ping = (origin: string) =>
      fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', origin },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
    // A rebinding page keeps its own origin: refused; a loopback origin is served.
    expect((await ping('http://evil.example:4318')).status).toBe(401);
    expect((await ping('http://localhost:4318')).status).toBe(200);
    const rb = await fetch(`${server.url}/api/v1/runbooks/search?q=OOM%20heap&limit=1`);
    expect(((await rb.json()) as { hits: { file: string }[] }).hits[0]!.file).toBe('oom.md');
  });

  it('promptops mcp --server URL answers through the REST API with the same numbers', async () => {
    const remote = new Client({ name: 'promptops-test', version: '1.0.0' });
    await remote.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: ['packages/server/bin/promptops.js', 'mcp', '--server', server.url],
        cwd: REPO,
        stderr: 'pipe',
      }),
    );
    try {
      const res = structured<ToolResultJson<SeriesData>>(
        await remote.callTool({ name: 'ccu_series', arguments: { range: RANGE, step: '1m', modes: ['user'] } }),
      );
      expect(res.data).toEqual(stdioSeries);
      const rb = structured<{ hits: { file: string }[] }>(
        await remote.callTool({ name: 'search_runbooks', arguments: { query: 'Sentinel failover', limit: 1 } }),
      );
      expect(rb.hits[0]!.file).toBe('session-store-failover.md');
      const answer = structured<{ intent: string }>(
        await remote.callTool({ name: 'ask', arguments: { question: 'how many concurrent users right now?' } }),
      );
      expect(answer.intent).toBe('concurrent_users.now');
      const bad = (await remote.callTool({ name: 'user_requests', arguments: { userId: '' } })) as {
        isError?: boolean;
        content: { text: string }[];
      };
      expect(bad.isError).toBe(true);
    } finally {
      await remote.close();
    }
  }, 60_000);
});
