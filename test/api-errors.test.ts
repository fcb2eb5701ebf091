/**
 * What a careless or hostile client gets from the API: JSON errors with the right status for unknown
 * routes, wrong methods, wrong content types, oversized bodies, gzip bombs, truncated gzip, unknown
 * or bad query parameters and too-large ranges — and the server keeps answering afterwards.
 */
import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../packages/server/src/api/app.js';
import { tracesJson } from '../packages/server/src/api/testing/otlp-spans.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const LIMIT = 64 * 1024;

let tc: TestCollector;
let app: Hono;

beforeAll(async () => {
  tc = await openTestCollector(T0, { modes: 'user,ip' });
  app = createApp({
    collector: tc.collector,
    now: tc.now,
    limits: { maxBodyBytes: LIMIT, maxDecompressedBytes: 4 * LIMIT, maxSeriesPoints: 1000, maxListRows: 500 },
    log: () => undefined,
  });
});

afterAll(async () => {
  await tc.dispose();
});

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

describe('routing', () => {
  it('answers 404 JSON for unknown routes', async () => {
    expect(await errorOf(await app.request('/nope'))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await errorOf(await app.request('/api/v1/users/x/requests/extra'))).toMatchObject({ status: 404 });
  });

  it('answers 405 with Allow for a known path and the wrong method', async () => {
    const get = await app.request('/v1/traces');
    expect(get.headers.get('allow')).toBe('POST');
    expect(await errorOf(get)).toMatchObject({ status: 405, code: 'method_not_allowed' });
    const del = await app.request('/api/v1/concurrent-users', { method: 'DELETE' });
    expect(del.headers.get('allow')).toBe('GET, HEAD');
    expect(await errorOf(del)).toMatchObject({ status: 405 });
    const put = await app.request('/metrics', { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
  });

  it('serves health, readiness, the root page and HEAD', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'ok' });
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ready' });
    const root = await app.request('/');
    expect(root.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await root.text()).toContain('/metrics');
    expect((await app.request('/healthz', { method: 'HEAD' })).status).toBe(200);
  });
});

describe('ingest bodies', () => {
  const json = { 'content-type': 'application/json' };

  it('answers 415 for a content type or encoding OTLP does not define', async () => {
    const text = await app.request('/v1/traces', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(await errorOf(text)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    const none = await app.request('/v1/logs', { method: 'POST', body: '{}' });
    expect(none.status).toBe(415);
    const br = await app.request('/v1/traces', {
      method: 'POST',
      body: '{}',
      headers: { ...json, 'content-encoding': 'br' },
    });
    expect(await errorOf(br)).toMatchObject({ status: 415 });
  });

  it('answers 413 for a body over the limit, by declared length or by bytes read', async () => {
    const big = 'x'.repeat(LIMIT + 1);
    const res = await app.request('/v1/traces', { method: 'POST', body: big, headers: json });
    expect(await errorOf(res)).toMatchObject({ status: 413, code: 'payload_too_large' });
    // No Content-Length: a streamed body is cut off once it passes the limit.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(LIMIT / 4));
        controller.close();
      },
    });
    const streamed = await app.request('/api/v1/ingest/access-log', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'text/plain' },
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('answers 413 for a gzip bomb (small on the wire, huge decompressed)', async () => {
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024));
    expect(bomb.byteLength).toBeLessThan(LIMIT);
    const res = await app.request('/v1/traces', {
      method: 'POST',
      body: bomb,
      headers: { ...json, 'content-encoding': 'gzip' },
    });
    expect(await errorOf(res)).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('answers 400 for truncated or fake gzip', async () => {
    const whole = gzipSync(JSON.stringify(tracesJson('was-1', [{ time: T0, userId: 'a' }])));
    const truncated = await app.request('/v1/traces', {
      method: 'POST',
      body: whole.subarray(0, whole.byteLength - 12),
      headers: { ...json, 'content-encoding': 'gzip' },
    });
    expect(await errorOf(truncated)).toMatchObject({ status: 400, code: 'malformed_payload' });
    const fake = await app.request('/api/v1/ingest/access-log', {
      method: 'POST',
      body: 'plain text',
      headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' },
    });
    expect(fake.status).toBe(400);
  });
});

describe('query parameters', () => {
  it('rejects unknown and repeated parameters, naming them', async () => {
    const typo = await errorOf(await app.request('/api/v1/concurrent-users?instnace=was-1'));
    expect(typo).toMatchObject({ status: 400, code: 'unknown_parameter' });
    expect(typo.message).toContain('instnace');
    const twice = await errorOf(await app.request('/api/v1/concurrent-users?mode=ip&mode=user'));
    expect(twice).toMatchObject({ status: 400, code: 'invalid_parameter' });
  });

  it('rejects bad values with every problem listed', async () => {
    const bad = await errorOf(await app.request('/api/v1/series?metric=happiness&from=yesterday&step=3m'));
    expect(bad).toMatchObject({ status: 400, code: 'invalid_parameter' });
    expect(bad.message).toMatch(/metric/);
    expect(bad.message).toMatch(/from/);
    expect(bad.message).toMatch(/step/);
    const mode = await errorOf(await app.request('/api/v1/concurrent-users?mode=cookie'));
    expect(mode).toMatchObject({ status: 400 });
    expect(mode.message).toMatch(/not collected/);
    const inverted = await errorOf(await app.request('/api/v1/series?metric=ccu&from=-1h&to=-2h&step=1m'));
    expect(inverted).toMatchObject({ status: 400, code: 'invalid_parameter' });
  });

  it('bounds work per request: too many points is 422, a limit over the maximum is 400', async () => {
    const range = await errorOf(await app.request('/api/v1/series?metric=ccu&from=-7d&step=2s'));
    expect(range).toMatchObject({ status: 422, code: 'range_too_large' });
    expect(range.message).toMatch(/step=1h/);
    const limit = await errorOf(await app.request('/api/v1/transactions?limit=501'));
    expect(limit).toMatchObject({ status: 400, code: 'invalid_parameter' });
  });

  it('picks the finest step that fits when none is given, and answers the contract shape', async () => {
    const spans = [1, 2, 3].map((i) => ({ time: T0 - 4000 + i * 500, userId: `s${i}` }));
    await app.request('/v1/traces', {
      method: 'POST',
      body: JSON.stringify(tracesJson('was-1', spans)),
      headers: { 'content-type': 'application/json' },
    });
    await tc.advanceTo(T0 + 20_000);
    const res = await app.request(`/api/v1/series?metric=ccu&from=${new Date(T0 - 60_000).toISOString()}&mode=user`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { metric: string; step: string; points: { t: string; value: number }[] };
    expect(body.metric).toBe('ccu');
    expect(body.step).toBe('2s');
    expect(body.points.length).toBeGreaterThan(0);
    expect(body.points.every((p) => !Number.isNaN(Date.parse(p.t)))).toBe(true);
    expect(Math.max(...body.points.map((p) => p.value))).toBe(3);
  });
});

describe('concurrent ingest', () => {
  it('answers 429 with Retry-After past the in-flight limit, and frees the slot afterwards', async () => {
    const gated = createApp({ collector: tc.collector, now: tc.now, limits: { maxConcurrentIngest: 1 } });
    // A slow upload holds the only slot until we finish its body.
    let finish: () => void = () => undefined;
    const slow = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"resourceSpans":'));
        finish = () => {
          controller.enqueue(new TextEncoder().encode('[]}'));
          controller.close();
        };
      },
    });
    const first = gated.request('/v1/traces', {
      method: 'POST',
      body: slow,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 50));
    const second = await gated.request('/api/v1/ingest/session-events', { method: 'POST', body: '[]' });
    expect(second.headers.get('retry-after')).toBe('5');
    expect(await errorOf(second)).toMatchObject({ status: 429, code: 'rate_limited' });
    finish();
    expect((await first).status).toBe(200);
    const third = await gated.request('/api/v1/ingest/session-events', { method: 'POST', body: '[]' });
    expect(third.status).toBe(200);
  });
});

describe('a closed collector', () => {
  it('answers 503 on /readyz and ingest, while /healthz stays up', async () => {
    const other = await openTestCollector(T0);
    const closedApp = createApp({ collector: other.collector, now: other.now, log: () => undefined });
    await other.dispose();
    expect((await closedApp.request('/readyz')).status).toBe(503);
    const ingest = await closedApp.request('/v1/traces', {
      method: 'POST',
      body: JSON.stringify(tracesJson('was-1', [{ time: T0, userId: 'a' }])),
      headers: { 'content-type': 'application/json' },
    });
    expect(ingest.status).toBe(503);
    expect(ingest.headers.get('retry-after')).toBe('5');
    expect((await closedApp.request('/healthz')).status).toBe(200);
  });
});

describe('after all of the above', () => {
  it('still serves', async () => {
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/api/v1/concurrent-users')).status).toBe(200);
  });
});
