/** `POST /api/v1/mask` through the real app: masks, validates, bounds the body, answers JSON errors. */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCollector, type TestCollector } from '../../collector/testing/test-collector.js';
import { createApp } from '../app.js';
import { MAX_MASK_BODY_BYTES } from './mask-routes.js';

let tc: TestCollector;
let app: Hono;

beforeAll(async () => {
  tc = await openTestCollector(Date.UTC(2026, 10, 25, 10));
  app = createApp({ collector: tc.collector, now: tc.now, log: () => undefined });
});
afterAll(async () => {
  await tc.dispose();
});

const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  app.request('/api/v1/mask', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('POST /api/v1/mask', () => {
  it('masks partially by default and reports each finding with its offsets', async () => {
    const text = '홍길동 고객 010-1234-5678, hong@example.com 문의';
    const res = await post({ text });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; findings: { type: string; start: number; end: number }[] };
    expect(body.text).not.toContain('1234-5678');
    expect(body.text).not.toContain('hong@example.com');
    expect(body.findings.map((f) => f.type)).toEqual(expect.arrayContaining(['mobile', 'email']));
    const phone = body.findings.find((f) => f.type === 'mobile')!;
    expect(text.slice(phone.start, phone.end)).toBe('010-1234-5678');
  });

  it('honours level full with English placeholders', async () => {
    const res = await post({ text: 'call 010-1234-5678', level: 'full', placeholders: 'en' });
    expect(((await res.json()) as { text: string }).text).toBe('call [MOBILE]');
  });

  it('rejects bad input with JSON errors', async () => {
    const bad = await post({ text: 'x', level: 'loud' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_parameter');
    expect((await post({ txt: 'x' })).status).toBe(400);
    const notJson = await post('{text:');
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('malformed_payload');
    expect((await post({ text: 'x' }, { 'content-type': 'text/csv' })).status).toBe(415);
    expect((await post({ text: 'x'.repeat(MAX_MASK_BODY_BYTES + 1) })).status).toBe(413);
    const get = await app.request('/api/v1/mask');
    expect(get.status).toBe(405);
  });
});
