/**
 * The external metrics API as the aggregation layer and kubectl see it: every response is compared
 * with a golden file under test/fixtures/k8s/ (UPDATE_GOLDEN=1 rewrites them) and checked against the
 * Kubernetes types (kubernetes-models for APIGroupList/APIGroup/APIResourceList/Status, the zod mirror
 * of external_metrics/v1beta1 for the value list). Values come from a real collector fed with traffic.
 */
import fs from 'node:fs';
import path from 'node:path';
import { APIGroup, APIGroupList, APIResourceList, Status } from '@kubernetes-models/apimachinery/apis/meta/v1';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../packages/server/src/api/app.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';
import { externalMetricValueListSchema } from '../packages/server/src/k8s/external-metrics-types.js';
import type { Transaction } from '../packages/server/src/model/transaction.js';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const FIXTURES = path.resolve(__dirname, 'fixtures/k8s');
const BASE = '/apis/external.metrics.k8s.io/v1beta1';

let tc: TestCollector;
let app: Hono;

function tx(time: number, user: number, instance: string, service: string): Transaction {
  return {
    time,
    durationMs: 12,
    status: 200,
    error: false,
    method: 'GET',
    url: '/',
    route: '/',
    instance,
    service,
    clientIp: `10.0.${user >> 8}.${user & 255}`,
    sessionId: `s-${user}`,
    visitorId: `v-${user}`,
    userId: `u-${user}`,
    userAgent: 'test',
    bytes: 100,
    traceId: user.toString(16).padStart(32, '0'),
    spanId: user.toString(16).padStart(16, '0'),
  };
}

beforeAll(async () => {
  tc = await openTestCollector(T0, { modes: 'user,ip' });
  // 120 users on was1, 80 on was2 (40 of them also on was1), 30 on batch1 of another service: 190
  // distinct users. Values are HyperLogLog estimates (deterministic for these keys).
  const txs: Transaction[] = [];
  for (let u = 0; u < 120; u++) txs.push(tx(T0 + 1000 + u * 10, u, 'was1', 'shop'));
  for (let u = 80; u < 160; u++) txs.push(tx(T0 + 2000 + u * 10, u, 'was2', 'shop'));
  for (let u = 500; u < 530; u++) txs.push(tx(T0 + 3000 + u, u, 'batch1', 'batch'));
  tc.collector.transactions(txs);
  await tc.advanceTo(T0 + 10_000);
  await tc.collector.flush();
  app = createApp({ collector: tc.collector, now: tc.now, log: () => undefined });
});

afterAll(async () => {
  await tc.dispose();
});

/** Compares with the golden file (or writes it under UPDATE_GOLDEN=1). */
function golden(name: string, body: unknown): void {
  const file = path.join(FIXTURES, name);
  const text = `${JSON.stringify(body, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) fs.writeFileSync(file, text);
  expect(text).toBe(fs.readFileSync(file, 'utf8'));
}

async function get(url: string): Promise<{ status: number; body: unknown }> {
  const res = await app.request(url);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: res.status, body: await res.json() };
}

describe('discovery', () => {
  it('/apis lists the group as an APIGroupList', async () => {
    const r = await get('/apis');
    expect(r.status).toBe(200);
    new APIGroupList(r.body as never).validate();
    golden('apis.json', r.body);
  });
  it('/apis/external.metrics.k8s.io is the APIGroup with its preferred version', async () => {
    const r = await get('/apis/external.metrics.k8s.io');
    new APIGroup(r.body as never).validate();
    golden('api-group.json', r.body);
  });
  it('the version path is an APIResourceList with concurrent_users', async () => {
    const r = await get(BASE);
    new APIResourceList(r.body as never).validate();
    expect((r.body as { resources: { name: string }[] }).resources.map((x) => x.name)).toEqual(['concurrent_users']);
    golden('api-resource-list.json', r.body);
  });
});

const VALUE_CASES: [string, string, string[]][] = [
  ['value-all.json', '', ['190']],
  ['value-instance.json', 'instance=was1', ['119']],
  ['value-instance-in.json', 'instance in (was1,was2)', ['119', '80']],
  ['value-service.json', 'service=shop', ['119', '80']],
  ['value-service-notin.json', 'service notin (shop)', ['30']],
  ['value-mode-ip.json', 'mode=ip', ['191']],
  ['value-instance-mode.json', 'instance==was2,mode=user', ['80']],
];

describe('concurrent_users values', () => {
  it.each(VALUE_CASES)('%s: labelSelector "%s"', async (file, selector, values) => {
    const q = selector === '' ? '' : `?labelSelector=${encodeURIComponent(selector)}`;
    const r = await get(`${BASE}/namespaces/default/concurrent_users${q}`);
    expect(r.status).toBe(200);
    const list = externalMetricValueListSchema.parse(r.body);
    expect(list.items.map((i) => i.value)).toEqual(values);
    for (const item of list.items) {
      expect(item.timestamp).toBe(new Date(T0 + 10_000).toISOString());
      expect(item.window).toBe(300);
    }
    golden(file, r.body);
  });

  it('the total is users merged across instances, not summed', async () => {
    const all = externalMetricValueListSchema.parse((await get(`${BASE}/namespaces/prod/concurrent_users`)).body);
    const split = externalMetricValueListSchema.parse(
      (await get(`${BASE}/namespaces/prod/concurrent_users?labelSelector=instance`)).body,
    );
    const sum = split.items.reduce((s, i) => s + Number(i.value), 0);
    expect(Number(all.items[0]?.value)).toBeLessThan(sum);
  });
});

const ERROR_CASES: [string, string, number, string][] = [
  ['status-unknown-metric.json', `${BASE}/namespaces/default/active_sessions`, 404, 'NotFound'],
  [
    'status-no-series.json',
    `${BASE}/namespaces/default/concurrent_users?labelSelector=instance%3Dwas9`,
    404,
    'NotFound',
  ],
  [
    'status-bad-selector.json',
    `${BASE}/namespaces/default/concurrent_users?labelSelector=instance%20in%20(was1`,
    400,
    'BadRequest',
  ],
  ['status-bad-key.json', `${BASE}/namespaces/default/concurrent_users?labelSelector=-bad%3Dx`, 400, 'BadRequest'],
  [
    'status-two-modes.json',
    `${BASE}/namespaces/default/concurrent_users?labelSelector=mode%20in%20(ip,user)`,
    400,
    'BadRequest',
  ],
  [
    'status-mode-not-collected.json',
    `${BASE}/namespaces/default/concurrent_users?labelSelector=mode%3Dcookie`,
    404,
    'NotFound',
  ],
  ['status-bad-namespace.json', `${BASE}/namespaces/Bad_NS/concurrent_users`, 400, 'BadRequest'],
  ['status-unknown-path.json', `${BASE}/nope`, 404, 'NotFound'],
];

describe('errors are Status objects', () => {
  it.each(ERROR_CASES)('%s', async (file, url, code, reason) => {
    const r = await get(url);
    expect(r.status).toBe(code);
    new Status(r.body as never).validate();
    expect(r.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code });
    golden(file, r.body);
  });

  it('writes are refused with MethodNotAllowed', async () => {
    const res = await app.request(`${BASE}/namespaces/default/concurrent_users`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    const body: unknown = await res.json();
    new Status(body as never).validate();
    expect(body).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed', code: 405 });
    golden('status-method-not-allowed.json', body);
    const apis = await app.request('/apis', { method: 'DELETE' });
    expect(apis.status).toBe(405);
  });
});
