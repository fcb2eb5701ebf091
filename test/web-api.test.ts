/**
 * The dashboard's JSON and event-stream endpoints over a real collector with a manual clock:
 * the live view's rates and p95 come from consecutive snapshots, `/api/v1/live` streams events,
 * seasonality/forecast/anomalies answer from stored rows (a planted spike is found), parameters are
 * validated (JSON errors), and the sessions view masks personal data and resolves only its own refs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../packages/server/src/api/app.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';
import { seededRandom, syntheticTransaction } from '../packages/server/src/collector/testing/synthetic-traffic.js';
import { UserRefCipher } from '../packages/server/src/api/routes/web-sessions-routes.js';
import { zoneOffsetMinutes } from '../packages/server/src/time/zone-offset.js';
import { LATENCY_BOUNDS_MS, type RollupRow } from '../packages/server/src/rollup/rollup-row.js';
import type { Hono } from 'hono';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 2, 0, 0, 0); // a Monday
let tc: TestCollector;
let app: Hono;

async function json(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  // Four weeks of hourly history with a daily cycle, written as rollup rows, then live traffic.
  tc = await openTestCollector(START + 28 * 24 * HOUR, { modes: 'user,ip' });
  const rows: RollupRow[] = [];
  for (let h = 0; h < 28 * 24; h++) {
    const t = START + h * HOUR;
    const hour = new Date(t).getUTCHours();
    const ccu = h === 27 * 24 + 5 ? 5000 : 100 + 80 * Math.sin((hour / 24) * 2 * Math.PI);
    rows.push(hourRow(t, Math.round(ccu)));
  }
  await tc.collector.store.upsertRollups(rows);
  app = createApp({ collector: tc.collector, now: tc.now, log: () => undefined });
}, 60_000);

afterAll(async () => {
  await tc?.dispose();
});

/** A total-instance 1 h row with a CCU gauge (what the history endpoints read) and no sketch. */
function hourRow(start: number, ccu: number): RollupRow {
  return {
    level: '1h',
    instance: '*',
    start,
    users: { user: { sketch: new Uint8Array(0), ccuMax: ccu, ccuMin: ccu, ccuAvg: ccu, samples: 1800 } },
    transactions: ccu * 10,
    errors: 0,
    latency: new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0),
    durationSumMs: 0,
    bytes: 0,
    sessions: ccu * 2,
    cpuAvg: null,
    cpuMax: null,
    memoryAvg: null,
    memoryMax: null,
  };
}

describe('live view', () => {
  it('gives rates and p95 from the second sample on, and streams events', async () => {
    const rand = seededRandom(7);
    const now = tc.now();
    tc.collector.transactions(
      Array.from({ length: 50 }, (_, u) => syntheticTransaction(rand, now, u, u % 2 ? 'was1' : 'was2')),
    );
    await tc.advanceTo(now + 2_000);
    const first = await json('/api/v1/live/now');
    expect(first.status).toBe(200);
    const total = first.body.total as {
      ccu: { value: number; low: number; high: number };
      transactionsPerSecond: number | null;
    };
    expect(total.ccu.value).toBeGreaterThanOrEqual(49);
    expect(total.ccu.low).toBeLessThanOrEqual(total.ccu.value);
    expect(total.transactionsPerSecond).toBeNull();
    tc.collector.transactions(Array.from({ length: 40 }, (_, u) => syntheticTransaction(rand, now + 3_000, u, 'was1')));
    await tc.advanceTo(now + 4_000);
    const second = await json('/api/v1/live/now');
    const t2 = second.body.total as { transactionsPerSecond: number; p95Ms: number };
    expect(t2.transactionsPerSecond).toBeCloseTo(20, 5); // 40 transactions over 2 s of collector time
    expect(t2.p95Ms).toBeGreaterThan(0);
    expect((second.body.instances as unknown[]).length).toBe(2);

    const res = await app.request('/api/v1/live?interval=1');
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: live')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    expect(text).toContain('event: hello');
  });

  it('stops sampling when the client goes away', async () => {
    let snapshots = 0;
    const counting = new Proxy(tc.collector, {
      get(target, key) {
        if (key === 'liveSnapshot') {
          return () => {
            snapshots++;
            return target.liveSnapshot();
          };
        }
        const v: unknown = Reflect.get(target, key, target);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const liveApp = createApp({ collector: counting, log: () => undefined });
    const res = await liveApp.request('/api/v1/live?interval=1');
    const reader = res.body!.getReader();
    let text = '';
    while ((text.match(/event: live/g) ?? []).length < 2) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const seen = snapshots;
    expect(seen).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(snapshots).toBe(seen);
  });

  it('rejects unknown or bad parameters as JSON errors', async () => {
    expect((await json('/api/v1/live?interval=0')).body).toMatchObject({ error: { code: 'invalid_parameter' } });
    expect((await json('/api/v1/live?intervall=2')).body).toMatchObject({ error: { code: 'unknown_parameter' } });
    expect((await app.request('/api/v1/live', { method: 'POST' })).status).toBe(405);
  });
});

describe('history endpoints', () => {
  it('profiles hour × weekday in the requested zone', async () => {
    const { status, body } = await json('/api/v1/seasonality?weeks=4&tz=UTC');
    expect(status).toBe(200);
    const cells = body.cells as { weekday: number; hour: number; mean: number | null; count: number }[];
    expect(cells).toHaveLength(168);
    // The daily sine peaks at 06 UTC and bottoms at 18 UTC.
    const tue = (h: number) => cells.find((c) => c.weekday === 1 && c.hour === h)!.mean!;
    expect(tue(6)).toBeGreaterThan(tue(18) + 100);
    const seoul = (await json('/api/v1/seasonality?weeks=4&tz=Asia/Seoul')).body.cells as typeof cells;
    expect(seoul.find((c) => c.weekday === 1 && c.hour === 15)!.mean).toBeCloseTo(tue(6), 0);
    expect((await json('/api/v1/seasonality?tz=Mars/Base')).body).toMatchObject({
      error: { code: 'invalid_parameter' },
    });
    expect(zoneOffsetMinutes('Asia/Seoul', START)).toBe(540);
  });

  it('forecasts the daily cycle with a band, and says why when history is too short', async () => {
    const { status, body } = await json('/api/v1/forecast?metric=ccu&step=1h&horizon=24');
    expect(status).toBe(200);
    const pts = body.points as { t: string; value: number; low: number; high: number }[];
    expect(pts).toHaveLength(24);
    for (const p of pts) expect(p.low).toBeLessThanOrEqual(p.value);
    const at = (h: number) => pts.find((p) => new Date(p.t).getUTCHours() === h)!.value;
    expect(at(6)).toBeGreaterThan(at(18));
    const short = await json('/api/v1/forecast?metric=cpu&step=1h');
    expect(short.status).toBe(200);
    expect(short.body.points).toEqual([]);
    expect(String(short.body.reason)).toMatch(/not enough cpu history/);
  });

  it('marks the planted spike as an anomaly and nothing else in a quiet week', async () => {
    const { body } = await json(
      `/api/v1/anomalies?metric=ccu&step=1h&from=${new Date(START + 21 * 24 * HOUR).toISOString()}&to=${new Date(START + 28 * 24 * HOUR).toISOString()}`,
    );
    const anomalies = body.anomalies as { t: string; value: number }[];
    expect(anomalies.map((a) => a.t)).toContain(new Date(START + (27 * 24 + 5) * HOUR).toISOString());
    expect(anomalies.length).toBeLessThanOrEqual(3);
    expect((await json('/api/v1/anomalies?metric=ccu&step=2s&from=-400d')).body).toMatchObject({
      error: { code: 'range_too_large' },
    });
  });
});

describe('sessions view', () => {
  it('masks personal data and resolves only refs it issued', async () => {
    const now = tc.now();
    tc.collector.sessionEvents([
      {
        type: 'login',
        time: now,
        instance: 'was1',
        sessionId: 's-mail',
        userId: 'kim.minsu@example.co.kr',
        clientIp: '203.0.113.77',
      },
    ]);
    const rand = seededRandom(3);
    const tx = {
      ...syntheticTransaction(rand, now, 9, 'was1'),
      userId: 'kim.minsu@example.co.kr',
      sessionId: 's-mail',
      clientIp: '203.0.113.77',
    };
    tc.collector.transactions([tx]);
    await tc.advanceTo(now + 2_000);
    const { body } = await json('/api/v1/web/sessions?view=active');
    const text = JSON.stringify(body);
    expect(text).not.toContain('kim.minsu@example.co.kr');
    expect(text).not.toContain('203.0.113.77');
    const sessions = body.sessions as { user: string; userRef: string }[];
    const mine = sessions.find((s) => s.user?.includes('@example.co.kr'));
    expect(mine).toBeDefined();
    const reqs = await json(`/api/v1/web/users/${mine!.userRef}/requests`);
    expect(reqs.status).toBe(200);
    expect(reqs.body.count).toBeGreaterThan(0);
    expect(JSON.stringify(reqs.body)).not.toContain('kim.minsu@example.co.kr');
    const foreign = new UserRefCipher().seal('kim.minsu@example.co.kr');
    expect((await json(`/api/v1/web/users/${foreign}/requests`)).status).toBe(404);
    expect((await json('/api/v1/web/users/not-a-ref/requests')).status).toBe(404);
  });
});

describe('page and assets', () => {
  it('serves the dashboard, its modules and ECharts locally, and nothing else under /assets', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    for (const src of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g))
      expect((await app.request(src[1]!)).status).toBe(200);
    const echarts = await app.request('/assets/echarts.min.js');
    expect(echarts.headers.get('content-type')).toContain('javascript');
    expect((await echarts.text()).length).toBeGreaterThan(500_000);
    expect((await app.request('/assets/..%2F..%2Fpackage.json')).status).toBe(404);
    expect((await app.request('/assets/dashboard-routes.ts')).status).toBe(404);
  });
});
