import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSessionStore } from '../index.js';
import type { SessionStore, SessionStoreOptions } from '../index.js';
import type { SessionEventBatch } from '../events/session-event.js';

const stores: SessionStore[] = [];
function store(o: SessionStoreOptions = {}): SessionStore {
  const s = createSessionStore({ instance: 'unit', ...o });
  stores.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

const cookie = () => ({ originalMaxAge: 60_000, path: '/', httpOnly: true });

describe('session core (memory backend)', () => {
  it('keeps a logout done by a parallel request when a slower request saves afterwards', async () => {
    const s = store().core;
    await s.set('a', { cookie: cookie(), userId: 'u1', cart: [] });
    const slow = (await s.get('a'))!;
    // The base that makes field-level writes possible never shows when the session is serialised.
    expect(JSON.parse(JSON.stringify(slow))).toEqual({ cookie: cookie(), userId: 'u1', cart: [] });
    const fast = (await s.get('a'))!;
    delete fast.userId;
    await s.set('a', fast);
    (slow.cart as string[]).push('book');
    await s.set('a', slow);
    const final = (await s.get('a'))!;
    expect(final.userId).toBeUndefined();
    expect(final.cart).toEqual(['book']);
    expect(s.snapshot().interleavedWrites).toBe(1);
  });

  it('refuses a late write to a destroyed session instead of resurrecting it', async () => {
    const s = store().core;
    await s.set('b', { cookie: cookie(), userId: 'u1' });
    const late = (await s.get('b'))!;
    await s.end('b');
    late.seen = true;
    await s.set('b', late);
    expect(await s.get('b')).toBeNull();
    expect(s.snapshot().lateWritesRefused).toBe(1);
  });

  it('expire-oldest ends the older session and tells it why once', async () => {
    const st = store({ duplicateLogin: 'expire-oldest' });
    const s = st.core;
    await s.set('old', { cookie: cookie(), userId: 'kim' });
    await s.set('new', { cookie: cookie(), userId: 'kim' });
    const notice = await s.get('old');
    expect(notice?.sessionEnded).toMatchObject({ reason: 'duplicate-login' });
    expect(await s.get('old')).toBeNull();
    expect((await s.get('new'))?.userId).toBe('kim');
    expect((await st.userSessions('kim')).map((e) => e.sessionId)).toEqual(['new']);
    expect(s.snapshot().duplicateLoginsEnded).toBe(1);
  });

  it('reject-new refuses a second login and counts it', async () => {
    const st = store({ duplicateLogin: 'reject-new' });
    await st.core.set('one', { cookie: cookie(), userId: 'lee' });
    await expect(st.login('two', 'lee')).rejects.toMatchObject({ code: 'login_rejected', status: 409 });
    await expect(st.core.set('two', { cookie: cookie(), userId: 'lee' })).rejects.toMatchObject({
      code: 'login_rejected',
    });
    expect(await st.core.get('two')).toBeNull();
    expect(st.metrics().rejectedSessions).toBe(2);
    // After logout the user may log in again.
    await st.core.end('one');
    await expect(st.login('two', 'lee')).resolves.toMatchObject({ accepted: true });
  });

  it('allow keeps every session and lists them per user; endUserSessions ends them all', async () => {
    const st = store();
    await st.core.set('x1', { cookie: cookie(), userId: 'park' });
    await st.core.set('x2', { cookie: cookie(), userId: 'park' });
    expect((await st.userSessions('park')).length).toBe(2);
    expect(await st.endUserSessions('park')).toBe(2);
    expect((await st.core.get('x1'))?.sessionEnded).toMatchObject({ reason: 'admin' });
    expect(await st.core.get('x1')).toBeNull();
  });

  it('uses the cookie expiry as the session TTL and reports expiries', async () => {
    const st = store({ indexFlushMs: 50 });
    await st.core.set('short', { cookie: { originalMaxAge: 50, expires: new Date(Date.now() + 50).toISOString() } });
    expect(await st.core.get('short')).not.toBeNull();
    await new Promise((r) => setTimeout(r, 400));
    expect(await st.core.get('short')).toBeNull();
    const snap = await st.tick();
    expect(snap.expiredSessions).toBe(1);
    expect(snap.sessionAverageAliveTime).toBeGreaterThanOrEqual(0);
  });

  it('filters static paths, health checks and crawlers and counts them as avoided', () => {
    const st = store({ filter: { extraPaths: [/^\/internal\//] } });
    expect(st.shouldCreateSession({ path: '/img/logo.png' })).toBe(false);
    expect(st.shouldCreateSession({ path: '/app.js?v=3' })).toBe(false);
    expect(st.shouldCreateSession({ path: '/healthz' })).toBe(false);
    expect(st.shouldCreateSession({ path: '/internal/x' })).toBe(false);
    expect(st.shouldCreateSession({ path: '/', userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1)' })).toBe(false);
    expect(st.shouldCreateSession({ path: '/', userAgent: 'kube-probe/1.29' })).toBe(false);
    expect(st.shouldCreateSession({ path: '/cart', userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/130' })).toBe(true);
    expect(st.shouldCreateSession({ path: '/healthzone' })).toBe(true);
    expect(st.metrics().sessionsAvoided).toBe(6);
  });

  it('renders Prometheus text with instance and total series', async () => {
    const st = store();
    await st.core.set('m1', { cookie: cookie() });
    await st.core.set('m2', { cookie: cookie() });
    const text = await st.metricsText();
    expect(text).toContain('# TYPE promptops_session_active_sessions gauge');
    expect(text).toContain('promptops_session_active_sessions{instance="unit"} 2');
    expect(text).toContain('promptops_session_active_sessions{instance="total"} 2');
    expect(text).toContain('promptops_session_created_total{instance="unit"} 2');
  });

  it('fails fast on bad options, listing every problem', () => {
    const attempt = () => createSessionStore({ duplicateLogin: 'newest' as never, minReplicas: -1 });
    expect(attempt).toThrow(/duplicateLogin: Invalid enum value/);
    expect(attempt).toThrow(/minReplicas: Number must be greater than or equal to 0/);
  });
});

describe('session events', () => {
  it('posts batched events to the collector and counts drops when it is down', async () => {
    const batches: SessionEventBatch[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (req.url === '/api/v1/ingest/session-events') batches.push(JSON.parse(body) as SessionEventBatch);
        res.writeHead(req.url === '/api/v1/ingest/session-events' ? 200 : 404).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const st = store({ collector: `http://127.0.0.1:${port}`, collectorFlushMs: 50, touchEventIntervalSeconds: 0 });
    // Flushes of an empty queue come first, as in an app that starts before its first visitor.
    await new Promise((r) => setTimeout(r, 150));
    await st.core.set('e1', { cookie: cookie(), userId: 'choi' }, { clientIp: '10.0.0.1', userAgent: 'UA' });
    await st.core.touch('e1', { cookie: cookie() });
    await st.core.end('e1');
    await st.tick();
    await st.close();
    server.close();
    const events = batches.flatMap((b) => b.events);
    expect(events.map((e) => e.type)).toEqual(['created', 'login', 'touched', 'destroyed']);
    expect(events[1]).toMatchObject({ userId: 'choi', clientIp: '10.0.0.1', instance: 'unit', sessionId: 'e1' });
    expect(batches.flatMap((b) => b.gauges ?? [])).toContainEqual(
      expect.objectContaining({ metric: 'sessions', value: 0 }),
    );

    const down = store({ collector: 'http://127.0.0.1:9', collectorFlushMs: 20, collectorTimeoutMs: 200 });
    const t0 = Date.now();
    await down.core.set('e2', { cookie: cookie() });
    expect(Date.now() - t0).toBeLessThan(100);
    await down.close();
    expect(down.metrics().eventsDropped).toBe(1);
  });
});
