/**
 * The HTTP API over a real collector (DuckDB store in a temp directory), driven with `app.request()`:
 * OTLP/HTTP in both encodings with the spec's responses, access-log and session-event ingest, and
 * what a client reads back (CCU, transactions, /metrics counters).
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../packages/server/src/api/app.js';
import { tracesJson, tracesProtobuf } from '../packages/server/src/api/testing/otlp-spans.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const repoRoot = path.resolve(import.meta.dirname, '..');
const apacheLog = path.resolve(repoRoot, '../shared/data/elastic_apache_logs/apache_logs');

let tc: TestCollector;
let app: Hono;

beforeAll(async () => {
  // Raw rows kept for years: the real access log below is from 2015, and pruning would drop it.
  tc = await openTestCollector(T0, { modes: 'user,ip', windowSeconds: 300, retention: { transactions: '20000d' } });
  app = createApp({ collector: tc.collector, now: tc.now, log: () => undefined });
});

afterAll(async () => {
  await tc.dispose();
});

function post(url: string, body: BodyInit, headers: Record<string, string>) {
  return app.request(url, { method: 'POST', body, headers });
}

const json = { 'content-type': 'application/json' };
const proto = { 'content-type': 'application/x-protobuf' };

describe('OTLP/HTTP traces', () => {
  it('accepts JSON spans and answers an empty partialSuccess', async () => {
    // Recent spans (within the collector's 10 s late grace) count in the live window.
    const spans = Array.from({ length: 30 }, (_, i) => ({ time: T0 - 8000 + i * 100, userId: `u${i}` }));
    const res = await post('/v1/traces', JSON.stringify(tracesJson('was-1', spans)), json);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ partialSuccess: {} });
  });

  it('accepts gzip protobuf spans and answers in protobuf', async () => {
    const spans = Array.from({ length: 20 }, (_, i) => ({ time: T0 - 6000 + i * 100, userId: `u${i + 20}` }));
    const res = await post('/v1/traces', gzipSync(tracesProtobuf('was-2', spans)), {
      ...proto,
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-protobuf');
    const decoded = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await res.arrayBuffer()));
    expect(decoded.partialSuccess ?? null).toBeNull();
  });

  it('counts users across both instances once in the total (u20..u29 hit both)', async () => {
    const res = await app.request('/api/v1/concurrent-users?mode=user');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      value: number;
      low: number;
      high: number;
      mode: string;
      windowSeconds: number;
      instances: { instance: string; value: number }[];
    };
    expect(body.mode).toBe('user');
    expect(body.windowSeconds).toBe(300);
    expect(body.value).toBe(40);
    expect(body.low).toBeLessThanOrEqual(40);
    expect(body.high).toBeGreaterThanOrEqual(40);
    const byInstance = Object.fromEntries(body.instances.map((i) => [i.instance, i.value]));
    expect(byInstance).toEqual({ 'was-1': 30, 'was-2': 20 });
  });

  it('reports dropped spans as partial success with the count and the reason', async () => {
    const payload = tracesJson('was-1', [
      { time: T0 - 5000, userId: 'u0' },
      { time: T0 - 4000, userId: 'bad' },
    ]) as {
      resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
    };
    payload.resourceSpans[0].scopeSpans[0].spans[1].traceId = 'not-hex';
    const res = await post('/v1/traces', JSON.stringify(payload), json);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(body.partialSuccess.rejectedSpans).toBe('1');
    expect(body.partialSuccess.errorMessage).toMatch(/#2/);
  });

  it('answers 400 with a google.rpc.Status for undecodable protobuf, JSON error for bad JSON', async () => {
    const badProto = await post('/v1/traces', new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01]), proto);
    expect(badProto.status).toBe(400);
    expect(badProto.headers.get('content-type')).toBe('application/x-protobuf');
    const status = new Uint8Array(await badProto.arrayBuffer());
    expect(status[0]).toBe(0x08); // field 1 (code), varint
    expect(status[1]).toBe(3); // INVALID_ARGUMENT
    expect(Buffer.from(status).toString('utf8')).toMatch(/protobuf/);

    const badJson = await post('/v1/traces', '{"resourceSpans": [', json);
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ error: { code: 'malformed_payload' } });

    const wrongShape = await post('/v1/traces', '[1,2,3]', json);
    expect(wrongShape.status).toBe(400);
  });

  it('accepts OTLP metrics and logs', async () => {
    const metrics = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'service.instance.id', value: { stringValue: 'was-1' } }] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'process.cpu.utilization',
                  gauge: { dataPoints: [{ timeUnixNano: `${BigInt(T0 - 2000) * 1_000_000n}`, asDouble: 0.42 }] },
                },
              ],
            },
          ],
        },
      ],
    };
    const m = await post('/v1/metrics', JSON.stringify(metrics), json);
    expect(m.status).toBe(200);
    expect(await m.json()).toEqual({ partialSuccess: {} });

    const logs = {
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'service.instance.id', value: { stringValue: 'was-1' } }] },
          scopeLogs: [
            {
              logRecords: [
                {
                  timeUnixNano: `${BigInt(T0 - 1000) * 1_000_000n}`,
                  severityText: 'ERROR',
                  body: { stringValue: 'java.lang.OutOfMemoryError: Java heap space' },
                },
              ],
            },
          ],
        },
      ],
    };
    const l = await post('/v1/logs', JSON.stringify(logs), json);
    expect(l.status).toBe(200);
    expect(await l.json()).toEqual({ partialSuccess: {} });

    await tc.advanceTo(tc.now() + 2000);
    const cpu = await app.request(
      `/api/v1/series?metric=cpu&step=2s&instance=was-1&from=${T0 - 60_000}&to=${T0 + 10_000}`,
    );
    expect(cpu.status).toBe(200);
    const points = ((await cpu.json()) as { points: { value: number }[] }).points;
    expect(points.map((p) => p.value)).toContain(0.42);
  });
});

describe('user requests', () => {
  it('finds a user whose id needs URL encoding', async () => {
    const id = 'kim.minsu+test@example.co.kr';
    await post(
      '/v1/traces',
      JSON.stringify(tracesJson('was-3', [{ time: T0 - 1500, userId: id, route: '/login' }])),
      json,
    );
    await tc.advanceTo(tc.now() + 2000);
    const res = await app.request(`/api/v1/users/${encodeURIComponent(id)}/requests?from=-1h&limit=5`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { userId: string; count: number; requests: { route: string; userId: string }[] };
    expect(body.userId).toBe(id);
    expect(body.count).toBe(1);
    expect(body.requests[0]).toMatchObject({ route: '/login', userId: id });
  });
});

describe('access-log ingest', () => {
  it('ingests real Apache combined lines and reports bad lines by number', async (ctx) => {
    if (!fs.existsSync(apacheLog)) {
      console.warn(`skipping: ${apacheLog} is absent (real data lives in ../shared/data)`);
      ctx.skip();
    }
    const lines = fs.readFileSync(apacheLog, 'utf8').split('\n').slice(0, 400);
    lines.splice(10, 0, 'this is not an access log line');
    const res = await post('/api/v1/ingest/access-log?format=combined&instance=web-1', lines.join('\n'), {
      'content-type': 'text/plain',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accepted: number; rejected: number; rejections: { at: number }[] };
    expect(body.accepted).toBe(400);
    expect(body.rejected).toBe(1);
    expect(body.rejections[0].at).toBe(11);

    await tc.advanceTo(tc.now() + 2000); // one tick: raw rows are flushed to the store
    const txs = await app.request(
      '/api/v1/transactions?instance=web-1&from=2015-01-01T00:00:00Z&to=2016-01-01T00:00:00Z&limit=1000',
    );
    expect(txs.status).toBe(200);
    const listed = (await txs.json()) as { count: number; transactions: { instance: string }[] };
    expect(listed.count).toBe(400);
    expect(listed.transactions.every((t) => t.instance === 'web-1')).toBe(true);
  });

  it('refuses an unknown format and unknown parameters', async () => {
    const bad = await post('/api/v1/ingest/access-log?format=apache2', 'x', { 'content-type': 'text/plain' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_parameter' } });
    const typo = await post('/api/v1/ingest/access-log?fromat=combined', 'x', { 'content-type': 'text/plain' });
    expect(typo.status).toBe(400);
    expect(await typo.json()).toMatchObject({ error: { code: 'unknown_parameter' } });
  });
});

describe('session-event ingest', () => {
  it('accepts good events, rejects bad ones by position, in either envelope', async () => {
    const events = [
      {
        type: 'created',
        time: new Date(T0 - 3000).toISOString(),
        instance: 'was-1',
        sessionId: 's1',
        ttlSeconds: 1800,
      },
      { type: 'login', time: T0 - 2000, instance: 'was-1', sessionId: 's1', userId: 'u1' },
      { type: 'exploded', time: T0, instance: 'was-1', sessionId: 's2' },
      { type: 'touched', time: 'yesterday', instance: 'was-1', sessionId: 's1' },
      { type: 'touched', time: Math.floor(T0 / 1000), instance: 'was-1', sessionId: 's1' },
    ];
    const wrapped = await post('/api/v1/ingest/session-events', JSON.stringify({ events }), json);
    expect(wrapped.status).toBe(200);
    const body = (await wrapped.json()) as { accepted: number; rejected: number; rejections: { at: number }[] };
    expect(body).toMatchObject({ accepted: 2, rejected: 3 });
    expect(body.rejections.map((r) => r.at)).toEqual([3, 4, 5]);
    expect(body.rejections[2]).toMatchObject({ reason: expect.stringMatching(/epoch seconds/) });

    const bare = await post(
      '/api/v1/ingest/session-events?instance=was-2',
      JSON.stringify([{ type: 'created', time: T0 - 1000, sessionId: 's9' }]),
      json,
    );
    expect(await bare.json()).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('lists the sessions the events described, with their user', async () => {
    await tc.advanceTo(tc.now() + 2000);
    const res = await app.request('/api/v1/sessions?instance=was-1&limit=10');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { count: number; sessions: { sessionId: string; userId: string | null }[] };
    expect(body.sessions.find((x) => x.sessionId === 's1')?.userId).toBe('u1');
    const none = await app.request('/api/v1/sessions?userId=nobody');
    expect(((await none.json()) as { count: number }).count).toBe(0);
  });

  it("stores the session store's active-session gauges sent beside its events", async () => {
    const body = {
      events: [],
      gauges: [
        { time: T0 - 1000, instance: 'was-gauge', metric: 'sessions', value: 4321 },
        { time: T0 - 1000, instance: 'was-gauge', metric: 'sessions', value: -1 },
      ],
    };
    const res = await post('/api/v1/ingest/session-events', JSON.stringify(body), json);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { accepted: number; rejected: number; rejections: { reason: string }[] };
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.rejections[0].reason).toMatch(/^gauges\.1\.value/);
    const live = tc.collector.liveSnapshot();
    expect(live.instances.find((i) => i.instance === 'was-gauge')?.activeSessions).toBe(4321);
  });

  it('answers 400 for malformed JSON and a wrong envelope, 415 for a wrong type', async () => {
    const broken = await post('/api/v1/ingest/session-events', '{"events": [', json);
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: 'malformed_payload' } });
    const envelope = await post('/api/v1/ingest/session-events', '{"evnts": []}', json);
    expect(envelope.status).toBe(400);
    const xml = await post('/api/v1/ingest/session-events', '<events/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
  });
});

describe('/metrics after ingest', () => {
  it('exports CCU per instance and the ingest counters per signal', async () => {
    // Decodable but refused by the collector (an hour in the future): visible as a dropped record.
    const future = await post(
      '/v1/traces',
      JSON.stringify(tracesJson('was-1', [{ time: T0 + 3_600_000, userId: 'x' }])),
      json,
    );
    expect(future.status).toBe(200);
    const res = await app.request('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    // u0..u39 plus the user with the encoded id.
    expect(text).toMatch(/^promptops_concurrent_users\{instance="\*",mode="user"\} 41$/m);
    expect(text).toMatch(/^promptops_concurrent_users\{instance="was-1",mode="user"\} 30$/m);
    expect(text).toMatch(/^promptops_ingest_records_total\{signal="traces",outcome="accepted"\} 53$/m);
    expect(text).toMatch(/^promptops_ingest_records_total\{signal="traces",outcome="rejected"\} 1$/m);
    // The one rejected access-log line comes from the real-log test above, which skips without ../shared/data.
    if (fs.existsSync(apacheLog))
      expect(text).toMatch(/^promptops_ingest_records_total\{signal="access_log",outcome="rejected"\} 1$/m);
    expect(text).toMatch(/^promptops_ingest_failed_requests_total\{signal="traces"\} 3$/m);
    expect(text).toMatch(
      /^promptops_collector_dropped_records_total\{reason="transaction time more than 5 min in the future"\} 1$/m,
    );
  });
});
