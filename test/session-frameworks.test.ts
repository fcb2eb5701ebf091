/**
 * Express, Fastify and Koa apps sharing sessions through one real Redis (started here on a loopback
 * port), and the concurrency guarantees seen from HTTP: a logout is not undone by a slower parallel
 * request, and reject-new holds across two app servers logging the same user in at once.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '@promptops/session';
import type { SessionStore, SessionStoreOptions } from '@promptops/session';
import { findBinary, requireService } from './support/services.js';
import { RedisGroup } from '../packages/session/test/redis-processes.js';
import { Browser } from '../packages/session/test/http-client.js';
import { expressApp, fastifyApp, koaApp } from '../packages/session/test/apps.js';
import type { RunningApp } from '../packages/session/test/apps.js';

const hasRedis = requireService('redis-server', findBinary('redis-server') !== undefined, 'install redis-server');
const PORT = 6410;
const URL_ = `redis://127.0.0.1:${PORT}`;

describe.skipIf(!hasRedis)('session store shared by Express, Fastify and Koa on Redis', () => {
  const group = new RedisGroup();
  const stores: SessionStore[] = [];
  const apps: RunningApp[] = [];
  let raw: Redis;
  const store = (o: SessionStoreOptions) => {
    const s = createSessionStore({ backend: URL_, keyPrefix: `po:t${o.duplicateLogin ?? ''}:`, ...o });
    stores.push(s);
    return s;
  };
  const app = async (p: Promise<RunningApp>) => {
    const a = await p;
    apps.push(a);
    return a;
  };

  beforeAll(async () => {
    await group.start(PORT);
    raw = new Redis(PORT, '127.0.0.1');
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all(stores.map((s) => s.close()));
    raw?.disconnect();
    await group.stop();
  });

  it('a session set in Express is read and extended in Fastify and Koa, and back', async () => {
    const ex = await app(expressApp(store({ instance: 'express-1' })));
    const fa = await app(fastifyApp(store({ instance: 'fastify-1' })));
    const ko = await app(koaApp(store({ instance: 'koa-1' })));
    const b = new Browser();
    const login = await b.request(`${ex.url}/login?user=alice`);
    expect(login.status).toBe(200);
    expect((await b.request(`${fa.url}/me`)).body.userId).toBe('alice');
    await b.request(`${fa.url}/add?item=book`);
    expect((await b.request(`${ko.url}/`)).body).toEqual({ userId: 'alice', cart: ['book'] });
    await b.request(`${ko.url}/add?item=pen`);
    expect((await b.request(`${ex.url}/peek`)).body).toMatchObject({ userId: 'alice', cart: ['book', 'pen'] });

    // The documented key layout: one JSON document per session under a hash-tagged key, version first.
    const sid = String(login.body.sessionId);
    const text = (await raw.get(`po:t:{${sid}}`)) ?? '';
    expect(text).toMatch(/^\{"v":\d+,/);
    const doc = JSON.parse(text) as { s: Record<string, unknown> };
    expect(doc.s.userId).toBe('alice');
    expect(doc.s.cart).toEqual(['book', 'pen']);
    const pttl = await raw.pttl(`po:t:{${sid}}`);
    expect(pttl).toBeGreaterThan(9 * 60_000);
    expect(pttl).toBeLessThanOrEqual(10 * 60_000);
  });

  it('static paths get no session and are counted as avoided', async () => {
    const s = store({ instance: 'express-filter' });
    const ex = await app(expressApp(s));
    const b = new Browser();
    const r = await b.request(`${ex.url}/logo.png`);
    expect(r.body.hasSession).toBe(false);
    expect(r.setCookie).toBe(false);
    expect(s.metrics().sessionsAvoided).toBe(1);
  });

  it('a logout is not undone by a slower parallel request on the same session', async () => {
    const ex = await app(expressApp(store({ instance: 'express-race' })));
    const b = new Browser();
    await b.request(`${ex.url}/login?user=bob`);
    const slow = b.clone().request(`${ex.url}/slow-add?item=late&ms=400`);
    await new Promise((r) => setTimeout(r, 100));
    expect((await b.clone().request(`${ex.url}/logout`, { method: 'POST' })).status).toBe(200);
    expect((await slow).status).toBe(200);
    const after = await b.clone().request(`${ex.url}/peek`);
    expect(after.body.userId).toBeNull();
    expect(after.body.cart).toEqual([]);

    // Logout by removing the user field: the slow request's cart change is kept, the logout too.
    const c = new Browser();
    await c.request(`${ex.url}/login?user=carol`);
    const slow2 = c.clone().request(`${ex.url}/slow-add?item=kept&ms=400`);
    await new Promise((r) => setTimeout(r, 100));
    await c.clone().request(`${ex.url}/logout-field`, { method: 'POST' });
    await slow2;
    expect((await c.request(`${ex.url}/peek`)).body).toMatchObject({ userId: null, cart: ['kept'] });
  });

  it('reject-new lets exactly one of many simultaneous logins through across two app servers', async () => {
    const a = await app(expressApp(store({ instance: 'app-a', duplicateLogin: 'reject-new' })));
    const b = await app(expressApp(store({ instance: 'app-b', duplicateLogin: 'reject-new' })));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => new Browser().request(`${(i % 2 ? a : b).url}/login?user=dave`)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(results.find((r) => r.status === 409)?.body).toMatchObject({ error: { code: 'login_rejected' } });
  });

  it('expire-oldest: the new login wins and the old session is told why on its next request', async () => {
    const sa = store({ instance: 'eo-a', duplicateLogin: 'expire-oldest' });
    const a = await app(expressApp(sa));
    const b = await app(expressApp(store({ instance: 'eo-b', duplicateLogin: 'expire-oldest' })));
    const first = new Browser();
    const second = new Browser();
    await first.request(`${a.url}/login?user=erin`);
    await second.request(`${b.url}/login?user=erin`);
    const told = await first.request(`${a.url}/peek`);
    expect(told.body.ended).toMatchObject({ reason: 'duplicate-login' });
    expect(told.body.userId).toBeNull();
    expect((await first.request(`${a.url}/peek`)).body).toMatchObject({ userId: null, ended: null });
    expect((await second.request(`${a.url}/peek`)).body.userId).toBe('erin');
    expect((await sa.userSessions('erin')).length).toBe(1);
  });

  it('implements the rest of the express-session Store contract (touch, length, all)', async () => {
    const s = store({ instance: 'contract', keyPrefix: 'po:contract:' });
    const ex = await app(expressApp(s));
    const b = new Browser();
    const login = await b.request(`${ex.url}/login?user=frank`);
    const key = `po:contract:{${String(login.body.sessionId)}}`;
    await raw.pexpire(key, 5000);
    await b.request(`${ex.url}/peek`); // unmodified: express-session calls touch
    expect(await raw.pttl(key)).toBeGreaterThan(9 * 60_000);
    const length = await new Promise<number>((res, rej) => s.length((e, n) => (e ? rej(e) : res(n ?? -1))));
    expect(length).toBe(1);
    const all = await new Promise<Record<string, unknown>>((res, rej) => s.all((e, m) => (e ? rej(e) : res(m ?? {}))));
    expect(Object.keys(all)).toEqual([String(login.body.sessionId)]);
    const text = await s.metricsText();
    expect(text).toContain('promptops_session_active_sessions{instance="total"} 1');
  });
});
