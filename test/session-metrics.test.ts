/**
 * Metrics and events across two app servers sharing one real Redis: per-instance and total counters,
 * the Prometheus text, and `expired` events reported exactly once per session even when both
 * instances look for expiries at the same moment.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '@promptops/session';
import type { SessionEvent, SessionEventBatch, SessionStore } from '@promptops/session';
import { findBinary, requireService } from './support/services.js';
import { RedisGroup } from '../packages/session/test/redis-processes.js';

const hasRedis = requireService('redis-server', findBinary('redis-server') !== undefined, 'install redis-server');
const PORT = 6414;

describe.skipIf(!hasRedis)('session metrics and events over two instances', () => {
  const group = new RedisGroup();
  const batches: SessionEventBatch[] = [];
  let collector: http.Server;
  let collectorUrl: string;
  let a: SessionStore;
  let b: SessionStore;

  beforeAll(async () => {
    await group.start(PORT);
    collector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        batches.push(JSON.parse(body) as SessionEventBatch);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":0}');
      });
    });
    await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
    collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    const common = {
      backend: `redis://127.0.0.1:${PORT}`,
      keyPrefix: 'po:metrics:',
      collector: collectorUrl,
      collectorFlushMs: 50,
      indexFlushMs: 50,
      metricsIntervalMs: 60_000,
    };
    a = createSessionStore({ ...common, instance: 'was-1' });
    b = createSessionStore({ ...common, instance: 'was-2' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    collector?.close();
    await group.stop();
  });

  it('counts per instance and in total, and reports each expiry once', async () => {
    const short = () => ({ cookie: { originalMaxAge: 800, expires: new Date(Date.now() + 800).toISOString() } });
    for (let i = 0; i < 6; i++) await a.core.set(`a-${i}`, { ...short(), userId: `u${i}` });
    for (let i = 0; i < 4; i++) await b.core.set(`b-${i}`, short());
    await b.core.set('b-long', { cookie: { originalMaxAge: 600_000 } });
    await b.core.end('b-long');

    expect(a.metrics()).toMatchObject({ instance: 'was-1', activeSessions: 6, sessionCounter: 6 });
    expect(b.metrics()).toMatchObject({
      instance: 'was-2',
      activeSessions: 4,
      sessionCounter: 5,
      destroyedSessions: 1,
    });
    await b.tick(); // publishes was-2's snapshot for the total
    const total = await a.totalMetrics();
    expect(total).toMatchObject({ instance: 'total', activeSessions: 10, sessionCounter: 11, destroyedSessions: 1 });
    const text = await a.metricsText();
    expect(text).toContain('promptops_session_created_total{instance="total"} 11');
    expect(text).toContain('promptops_session_active_sessions{instance="was-1"} 6');

    await new Promise((r) => setTimeout(r, 1200));
    const [sa, sb] = await Promise.all([a.tick(), b.tick()]);
    expect(sa.expiredSessions + sb.expiredSessions).toBe(10);
    expect(sa.activeSessions + sb.activeSessions).toBe(0);
    expect(sa.sessionAverageAliveTime + sb.sessionAverageAliveTime).toBeGreaterThanOrEqual(0);

    await a.core.close();
    await b.core.close();
    const events: SessionEvent[] = batches.flatMap((x) => x.events);
    const expired = events.filter((e) => e.type === 'expired').map((e) => e.sessionId);
    expect(expired.sort()).toEqual(
      [...Array.from({ length: 6 }, (_, i) => `a-${i}`), ...Array.from({ length: 4 }, (_, i) => `b-${i}`)].sort(),
    );
    expect(
      events
        .filter((e) => e.type === 'login')
        .map((e) => e.userId)
        .sort(),
    ).toEqual(['u0', 'u1', 'u2', 'u3', 'u4', 'u5']);
    expect(events.filter((e) => e.type === 'created')).toHaveLength(11);
    expect(events.filter((e) => e.type === 'destroyed').map((e) => e.sessionId)).toEqual(['b-long']);
    const gauges = batches.flatMap((x) => x.gauges ?? []);
    expect(gauges.some((g) => g.instance === 'was-2' && g.metric === 'sessions')).toBe(true);
  });

  it('a session kept alive past its indexed expiry is not reported as expired, and is indexed again', async () => {
    const prefix = 'po:metrics-lag:';
    const c = createSessionStore({
      backend: `redis://127.0.0.1:${PORT}`,
      keyPrefix: prefix,
      instance: 'was-3',
      indexFlushMs: 50,
      metricsIntervalMs: 60_000,
    });
    const raw = new Redis(PORT, '127.0.0.1');
    try {
      await c.core.set('lagging', { cookie: { originalMaxAge: 1000, expires: new Date(Date.now() + 1000) } });
      await c.core.flushIndex();
      const indexed = await raw.zscore(`${prefix}{_active}`, 'lagging');
      // A touch moving the expiry by less than the index's slack (at least a minute) sends nothing.
      const later = Date.now() + 30_000;
      await c.core.touch('lagging', { cookie: { expires: new Date(later) } });
      await c.core.flushIndex();
      expect(await raw.zscore(`${prefix}{_active}`, 'lagging')).toBe(indexed);
      await new Promise((r) => setTimeout(r, 1400)); // past the indexed expiry and the scan's grace
      expect((await c.tick()).expiredSessions).toBe(0);
      expect(await raw.zscore(`${prefix}{_active}`, 'lagging')).toBe(String(later));
      expect(await c.core.activeCount()).toBe(1);
    } finally {
      raw.disconnect();
      await c.close();
    }
  });
});
