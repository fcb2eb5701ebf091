import { HyperLogLog } from '@promptops/sketch';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../model/transaction.js';
import { TOTAL_INSTANCE } from '../rollup/rollup-row.js';
import { seededRandom, syntheticTransaction } from './testing/synthetic-traffic.js';
import { openTestCollector } from './testing/test-collector.js';
import type { TestCollector } from './testing/test-collector.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const MIN = 60_000;
let open: TestCollector[] = [];

afterEach(async () => {
  await Promise.all(open.map((c) => c.dispose()));
  open = [];
});

async function collectorAt(start: number, options: Parameters<typeof openTestCollector>[1] = {}) {
  const c = await openTestCollector(start, options);
  open.push(c);
  return c;
}

function tx(time: number, user: string, instance: string, extra: Partial<Transaction> = {}): Transaction {
  return {
    time,
    durationMs: 12,
    status: 200,
    error: false,
    method: 'GET',
    url: '/',
    route: '/',
    instance,
    service: 'shop',
    clientIp: '10.0.0.1',
    userId: user,
    bytes: 100,
    ...extra,
  };
}

describe('Collector CCU', () => {
  it('matches the exact distinct count of the window within the error band (seeded traffic)', async () => {
    const c = await collectorAt(T0, { modes: 'user' });
    const rand = seededRandom(42);
    const seen: { time: number; user: number }[] = [];
    // 12 minutes of traffic from a pool of 20,000 users whose activity drifts over time.
    for (let t = T0; t < T0 + 12 * MIN; t += 10_000) {
      const batch: Transaction[] = [];
      for (let i = 0; i < 300; i++) {
        const user = Math.floor(rand() * 8000) + Math.floor((t - T0) / 1000) * 10;
        const time = t + Math.floor(rand() * 10_000);
        batch.push(syntheticTransaction(rand, time, user, `app-${user % 3}`));
        seen.push({ time, user });
      }
      c.collector.transactions(batch);
      await c.advanceTo(t + 10_000);
    }
    for (const at of [T0 + 5 * MIN, T0 + 9 * MIN + 30_000]) {
      const exact = new Set(seen.filter((s) => s.time >= at - 300_000 && s.time < at).map((s) => s.user)).size;
      const r = await c.collector.concurrentUsers({ at });
      expect(r.mode).toBe('user');
      expect(r.windowSeconds).toBe(300);
      expect(exact).toBeGreaterThan(3000);
      // ±3 standard errors: the band is one standard error, 0.81 % at p = 14.
      expect(Math.abs(r.value - exact) / exact).toBeLessThan(3 * 0.0081);
      expect(r.low).toBeLessThanOrEqual(r.value);
      expect(r.high).toBeGreaterThanOrEqual(r.value);
    }
    const end = c.now();
    const exactNow = new Set(seen.filter((s) => s.time >= end - 300_000 && s.time < end).map((s) => s.user)).size;
    const now = await c.collector.concurrentUsers();
    expect(now.at).toBe(new Date(end).toISOString());
    expect(Math.abs(now.value - exactNow) / exactNow).toBeLessThan(3 * 0.0081);
    expect(now.instances.map((i) => i.instance)).toEqual(['app-0', 'app-1', 'app-2']);
  });

  it('counts a user seen on two instances once in the total', async () => {
    const c = await collectorAt(T0, { modes: 'user,ip' });
    c.collector.transactions([tx(T0 + 100, 'alice', 'a'), tx(T0 + 200, 'alice', 'b'), tx(T0 + 300, 'bob', 'b')]);
    await c.advanceTo(T0 + 30_000);
    const r = await c.collector.concurrentUsers();
    expect(r.value).toBe(2);
    expect(r.instances).toEqual([
      { instance: 'a', value: 1, low: 0, high: 2 },
      { instance: 'b', value: 2, low: 1, high: 3 },
    ]);
    // The stored gauges agree: the total's 1 min peak is 2, not 1 + 2.
    await c.advanceTo(T0 + 2 * MIN);
    const s = await c.collector.series({ metric: 'ccu', step: '1m', from: T0, to: T0 + MIN });
    expect(s.points.map((p) => p.value)).toEqual([2]);
    const ip = await c.collector.concurrentUsers({ mode: 'ip', at: T0 + 30_000 });
    expect(ip.value).toBe(1);
  });

  it('keeps the peak CCU and the unique visitors of a bucket apart', async () => {
    // W = 10 s: one new user every 2 s gives 5 concurrent users but 30 visitors per minute.
    const c = await collectorAt(T0, { modes: 'user', windowSeconds: 10, lateGraceSeconds: 2 });
    for (let i = 0; i < 60; i++) {
      c.collector.transactions([tx(T0 + i * 2000 + 500, `user-${i}`, 'app')]);
      await c.advanceTo(T0 + (i + 1) * 2000);
    }
    await c.advanceTo(T0 + 3 * MIN);
    const peak = await c.collector.series({ metric: 'ccu', step: '1m', from: T0, to: T0 + 2 * MIN });
    const visitors = await c.collector.series({ metric: 'visitors', step: '1m', from: T0, to: T0 + 2 * MIN });
    expect(peak.points[0].value).toBe(5);
    expect(peak.points[0].stats?.min).toBe(1);
    expect(visitors.points[0].value).toBe(30);
    expect(visitors.points[1].value).toBe(30);
  });
});

describe('Collector rollups', () => {
  it('keeps levels consistent: 1 h visitors are the union of its 1 min sketches', async () => {
    const c = await collectorAt(T0, { modes: 'user,cookie' });
    const rand = seededRandom(7);
    for (let t = T0; t < T0 + 20 * MIN; t += 10_000) {
      const batch: Transaction[] = [];
      for (let i = 0; i < 40; i++)
        batch.push(syntheticTransaction(rand, t + Math.floor(rand() * 10_000), Math.floor(rand() * 5000), 'app-1'));
      c.collector.transactions(batch);
      await c.advanceTo(t + 10_000);
    }
    await c.advanceTo(T0 + 25 * MIN);
    const minutes = await c.collector.store.queryRollups({
      level: '1m',
      instance: TOTAL_INSTANCE,
      from: T0,
      to: T0 + 60 * MIN,
    });
    const [hour] = await c.collector.store.queryRollups({
      level: '1h',
      instance: TOTAL_INSTANCE,
      from: T0,
      to: T0 + 1,
    });
    const union = new HyperLogLog();
    for (const m of minutes) union.merge(HyperLogLog.fromBytes(m.users.user!.sketch));
    expect(HyperLogLog.fromBytes(hour.users.user!.sketch).count()).toBe(union.count());
    expect(hour.transactions).toBe(minutes.reduce((n, m) => n + m.transactions, 0));
    expect(hour.transactions).toBe(20 * 6 * 40);
    expect(hour.latency.reduce((a, b) => a + b, 0)).toBe(hour.transactions);
    expect(hour.users.user!.ccuMax).toBe(Math.max(...minutes.map((m) => m.users.user!.ccuMax)));
    const raw = await c.collector.queryTransactions({ from: T0, to: T0 + 60 * MIN, limit: 100_000 });
    expect(raw).toHaveLength(hour.transactions);
  });

  it('updates closed buckets and their parents with late transactions', async () => {
    const c = await collectorAt(T0, { modes: 'user' });
    c.collector.transactions([tx(T0 + 1000, 'a', 'app')]);
    await c.advanceTo(T0 + 3 * 60 * MIN);
    // 40 s late (bucket still in memory) and 2.5 h late (only in the store).
    c.collector.transactions([tx(T0 + 3 * 60 * MIN - 40_000, 'b', 'app', { error: true, status: 503 })]);
    c.collector.transactions([tx(T0 + 1500, 'c', 'app'), tx(T0 + 30 * MIN, 'd', 'app')]);
    await c.advanceTo(T0 + 3 * 60 * MIN + 4000);
    const hours = await c.collector.series({ metric: 'transactions', step: '1h', from: T0, to: T0 + 4 * 60 * MIN });
    expect(hours.points.map((p) => p.value)).toEqual([3, 1]);
    const errors = await c.collector.series({ metric: 'errors', step: '1m', from: T0, to: T0 + 4 * 60 * MIN });
    expect(errors.points.reduce((n, p) => n + p.value, 0)).toBe(1);
    const visitors = await c.collector.series({ metric: 'visitors', step: '1m', from: T0, to: T0 + MIN });
    expect(visitors.points.map((p) => p.value)).toEqual([2]);
    const late2s = T0 + 3 * 60 * MIN - 40_000;
    const [twoSec] = await c.collector.store.queryRollups({
      level: '2s',
      instance: 'app',
      from: late2s,
      to: late2s + 1,
    });
    expect(twoSec.errors).toBe(1);
    // Past its 2 h retention the old 2 s bucket is not resurrected by the late record.
    expect(await c.collector.store.queryRollups({ level: '2s', from: T0, to: T0 + 2000 })).toEqual([]);
  });

  it('prunes each level by its own retention', async () => {
    const c = await collectorAt(T0, {
      modes: 'user',
      retention: { '2s': '1h', '1m': '2h', '5m': '1d', transactions: '3h' },
    });
    c.collector.transactions([tx(T0 + 1000, 'a', 'app')]);
    await c.advanceTo(T0 + 20_000);
    const later = T0 + 2.5 * 60 * MIN;
    await c.collector.store.prune(later, c.collector.config.retention);
    const count = async (level: '2s' | '1m' | '5m' | '1h') =>
      (await c.collector.store.queryRollups({ level, from: 0, to: later })).length;
    expect(await count('2s')).toBe(0);
    expect(await count('1m')).toBe(0);
    expect(await count('5m')).toBeGreaterThan(0);
    expect(await count('1h')).toBeGreaterThan(0);
    expect(await c.collector.queryTransactions({ from: 0, to: later })).toHaveLength(1);
    await c.collector.store.prune(T0 + 4 * 60 * MIN, c.collector.config.retention);
    expect(await c.collector.queryTransactions({ from: 0, to: later })).toHaveLength(0);
  });
});

describe('Collector read API', () => {
  it('returns series in the contract shape', async () => {
    const c = await collectorAt(T0, { modes: 'user,ip' });
    c.collector.transactions([tx(T0 + 1000, 'a', 'app'), tx(T0 + 1000, 'b', 'app', { error: true })]);
    c.collector.metrics([
      { time: T0 + 1500, instance: 'app', metric: 'cpu', value: 0.5 },
      { time: T0 + 1500, instance: 'app', metric: 'memory', value: 1e9 },
      { time: T0 + 1500, instance: 'app', metric: 'sessions', value: 40 },
    ]);
    await c.advanceTo(T0 + 2 * MIN);
    const s = await c.collector.series({ metric: 'ccu', step: '1m', from: T0, to: T0 + MIN, instance: 'app' });
    expect(s).toEqual({
      metric: 'ccu',
      step: '1m',
      instance: 'app',
      mode: 'user',
      points: [{ t: '2026-01-05T10:00:00.000Z', value: 2, low: 1, high: 3, stats: { min: 2, avg: 2 } }],
    });
    for (const metric of ['cpu', 'memory', 'sessions', 'errors'] as const) {
      const r = await c.collector.series({ metric, step: '5m', from: T0, to: T0 + MIN });
      expect(r.points).toHaveLength(1);
      expect(r.points[0].t).toBe('2026-01-05T10:00:00.000Z');
    }
    expect((await c.collector.series({ metric: 'memory', step: '1h', from: T0, to: T0 + MIN })).points[0].value).toBe(
      1e9,
    );
    await expect(c.collector.series({ metric: 'ccu', step: '2s', from: 0, to: T0 })).rejects.toMatchObject({
      code: 'range_too_large',
    });
    await expect(c.collector.concurrentUsers({ mode: 'cookie' })).rejects.toMatchObject({ code: 'invalid_parameter' });
  });

  it('serves raw transactions, user requests, sessions and the live snapshot', async () => {
    const c = await collectorAt(T0, { modes: 'user' });
    c.collector.transactions([
      tx(T0 + 1000, 'alice', 'app', { sessionId: 's1', url: '/cart' }),
      tx(T0 + 2000, 'alice', 'app', { sessionId: 's1', durationMs: 900 }),
      tx(T0 + 3000, 'bob', 'app', { sessionId: 's2', queries: [{ statement: 'select ?', durationMs: 3 }] }),
      tx(Number.NaN, 'x', 'app'),
    ]);
    c.collector.sessionEvents([
      { type: 'created', time: T0, instance: 'app', sessionId: 's3', userId: 'carol', ttlSeconds: 600 },
    ]);
    await c.advanceTo(T0 + 20_000);
    const alice = await c.collector.userRequests('alice', { from: T0, to: T0 + MIN });
    expect(alice.map((t) => t.url)).toEqual(['/cart', '/']);
    const slow = await c.collector.queryTransactions({ from: T0, to: T0 + MIN, order: 'duration', limit: 1 });
    expect(slow[0].durationMs).toBe(900);
    const bob = await c.collector.queryTransactions({ from: T0, to: T0 + MIN, userId: 'bob' });
    expect(bob[0].queries).toEqual([{ statement: 'select ?', durationMs: 3 }]);
    const sessions = await c.collector.sessions({ from: T0, to: T0 + MIN });
    expect(sessions.map((s) => [s.sessionId, s.transactions, s.state]).sort()).toEqual([
      ['s1', 2, 'active'],
      ['s2', 1, 'active'],
      ['s3', 0, 'active'],
    ]);
    const live = c.collector.liveSnapshot();
    expect(live.total.transactions).toBe(3);
    expect(live.total.ccu.user?.value).toBe(2);
    expect(live.instances[0].activeSessions).toBe(1);
    expect(live.ingest).toEqual({
      accepted: 4,
      rejected: 1,
      rejections: [{ reason: 'transaction without a valid time', count: 1 }],
    });
  });
});
