/**
 * The Redis key layout of a session as documented (packages/session/README.md, "Key layout") on a real
 * Redis: one string per session holding one JSON document with its version first, written by one
 * command (create: SET NX; update: one compare-and-set script) and read by one GET; the tombstone
 * refusing late writes; interleaved writes merged by field; and sessions written in the previous
 * layouts (a hash per session, an in-hash tombstone, a separate `:ended` tombstone) still read and
 * written.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionStore } from '@promptops/session';
import type { SessionStore } from '@promptops/session';
import { findBinary, requireService } from './support/services.js';
import { RedisGroup } from '../packages/session/test/redis-processes.js';

const hasRedis = requireService('redis-server', findBinary('redis-server') !== undefined, 'install redis-server');
const PORT = 6540;
const PREFIX = 'po:layout:';

/** A session as express-session hands it to the store after a login. */
function loggedIn(userId: string): Record<string, unknown> {
  return {
    cookie: {
      originalMaxAge: 600_000,
      expires: new Date(Date.now() + 600_000).toISOString(),
      secure: false,
      httpOnly: true,
      path: '/',
    },
    userId,
    cart: ['book'],
  };
}

/** Calls per data command since the last CONFIG RESETSTAT (the test's own admin commands left out). */
async function commandCalls(raw: Redis): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const line of (await raw.info('commandstats')).split('\n')) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (m && !/^(config|info|hello|client|select|ping)/.test(m[1])) out[m[1]] = Number(m[2]);
  }
  return out;
}

describe.skipIf(!hasRedis)('session key layout on Redis', () => {
  const group = new RedisGroup();
  let raw: Redis;
  let store: SessionStore;
  const key = (sid: string) => `${PREFIX}{${sid}}`;
  const doc = async (sid: string) => JSON.parse((await raw.get(key(sid))) ?? 'null') as Record<string, unknown>;

  beforeAll(async () => {
    await group.start(PORT);
    raw = new Redis(PORT, '127.0.0.1');
    // Index upkeep is flushed by the tests that need it, so the command counts below are the calls' own.
    store = createSessionStore({
      backend: `redis://127.0.0.1:${PORT}`,
      keyPrefix: PREFIX,
      instance: 'layout',
      indexFlushMs: 600_000,
    });
    await store.ready();
  });
  afterAll(async () => {
    await store?.close();
    raw?.disconnect();
    await group.stop();
  });

  it('stores one JSON document per session, version first; create, get, update and touch are one command each', async () => {
    await raw.config('RESETSTAT');
    const created = loggedIn('alice');
    await store.core.set('s-layout', created);
    expect(await commandCalls(raw)).toEqual({ set: 1 });
    expect(await raw.type(key('s-layout'))).toBe('string');
    const text = (await raw.get(key('s-layout'))) ?? '';
    // The session as express-session serialises it, inside a 12-byte envelope holding the version.
    expect(text).toBe(`{"v":1,"s":${JSON.stringify(created)}}`);
    const pttl = await raw.pttl(key('s-layout'));
    expect(pttl).toBeGreaterThan(590_000);
    expect(pttl).toBeLessThanOrEqual(600_000);

    await raw.config('RESETSTAT');
    const back = (await store.core.get('s-layout')) as Record<string, unknown>;
    expect(back).toMatchObject({ userId: 'alice', cart: ['book'], cookie: { path: '/', originalMaxAge: 600_000 } });
    expect(await commandCalls(raw)).toEqual({ get: 1 });

    back.cart = ['book', 'pen'];
    await store.core.set('s-layout', back);
    expect(await doc('s-layout')).toMatchObject({ v: 2, s: { cart: ['book', 'pen'] } });
    // ioredis sends a script's first call on a connection as EVAL, later ones as EVALSHA: count the second.
    await raw.config('RESETSTAT');
    back.cart = ['book', 'pen', 'ink'];
    await store.core.set('s-layout', back);
    // One compare-and-set script call, running one SET … KEEPTTL GET.
    expect(await commandCalls(raw)).toEqual({ evalsha: 1, set: 1 });
    expect(await doc('s-layout')).toMatchObject({ v: 3, s: { cart: ['book', 'pen', 'ink'] } });

    await raw.config('RESETSTAT');
    await store.core.touch('s-layout', loggedIn('alice'));
    expect(await commandCalls(raw)).toEqual({ pexpireat: 1 });
  });

  it('merges two writes from the same read by field and counts them as interleaved', async () => {
    await store.core.set('s-merge', loggedIn('bob'));
    const a = (await store.core.get('s-merge')) as Record<string, unknown>;
    const b = (await store.core.get('s-merge')) as Record<string, unknown>;
    a.cart = ['book', 'pen'];
    b.theme = 'dark';
    const before = store.metrics().interleavedWrites;
    await store.core.set('s-merge', a);
    await store.core.set('s-merge', b);
    expect(store.metrics().interleavedWrites).toBe(before + 1);
    expect(await store.core.get('s-merge')).toMatchObject({ cart: ['book', 'pen'], theme: 'dark', userId: 'bob' });
    expect((await doc('s-merge')).v).toBe(3);
    // Saved again, the merged object merges again: the other request's `cart` stays.
    b.theme = 'light';
    await store.core.set('s-merge', b);
    expect(await store.core.get('s-merge')).toMatchObject({ cart: ['book', 'pen'], theme: 'light', userId: 'bob' });
  });

  it('a slower write cannot restore a user a parallel request logged out by removing the field', async () => {
    await store.core.set('s-out', loggedIn('gina'));
    await store.core.flushIndex();
    const slow = (await store.core.get('s-out')) as Record<string, unknown>;
    const fast = (await store.core.get('s-out')) as Record<string, unknown>;
    delete fast.userId;
    await store.core.set('s-out', fast);
    slow.cart = ['late'];
    await store.core.set('s-out', slow);
    const d = await doc('s-out');
    expect(d.s).not.toHaveProperty('userId');
    expect(d.s).toMatchObject({ cart: ['late'] });
    expect(await store.core.userSessions('gina')).toEqual([]);
  });

  it('a write to a session that expired after it was read stores it again whole, with its expiry', async () => {
    await store.core.set('s-gone', loggedIn('jo'));
    const s = (await store.core.get('s-gone')) as Record<string, unknown>;
    await raw.del(key('s-gone'));
    s.cart = ['again'];
    await store.core.set('s-gone', s);
    expect(await doc('s-gone')).toMatchObject({ v: 1, s: { userId: 'jo', cart: ['again'] } });
    expect(await raw.pttl(key('s-gone'))).toBeGreaterThan(590_000);
  });

  it('a write arriving after the session ended lands on its tombstone and does not revive it', async () => {
    await store.core.set('s-late', loggedIn('carol'));
    const stale = (await store.core.get('s-late')) as Record<string, unknown>;
    await store.core.end('s-late', 'logout');
    expect(await doc('s-late')).toMatchObject({ v: -1, x: 'logout' });
    const refused = store.metrics().lateWritesRefused;
    stale.cart = ['late'];
    await store.core.set('s-late', stale);
    expect(store.metrics().lateWritesRefused).toBe(refused + 1);
    expect(await store.core.get('s-late')).toBeNull();
    // A new session object under the same id (no base) is refused too.
    await store.core.set('s-late', loggedIn('carol'));
    expect(store.metrics().lateWritesRefused).toBe(refused + 2);
    expect(await store.core.get('s-late')).toBeNull();
    expect(await doc('s-late')).toMatchObject({ v: -1, x: 'logout' });
    expect(await store.core.userSessions('carol')).toEqual([]);
  });

  it('tells an ended session why once (duplicate-login, admin), then reads it as missing', async () => {
    await store.core.set('s-admin', loggedIn('dave'));
    await store.core.end('s-admin', 'admin');
    expect(await store.core.get('s-admin')).toMatchObject({ sessionEnded: { reason: 'admin' } });
    expect(await doc('s-admin')).toMatchObject({ v: -2, x: 'admin' });
    expect(await store.core.get('s-admin')).toBeNull();
    const ttl = await raw.pttl(key('s-admin'));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3600_000);
  });

  it('under allow, the per-user index lists each login and its keys live as long as the latest touch', async () => {
    await store.core.set('s-u1', loggedIn('frank'));
    await store.core.set('s-u2', loggedIn('frank'));
    const list = await store.core.userSessions('frank');
    expect(list.map((e) => e.sessionId).sort()).toEqual(['s-u1', 's-u2']);
    const index = `${PREFIX}user:{u:frank}`;
    expect(await raw.pttl(index)).toBeLessThanOrEqual(600_000);
    const later = loggedIn('frank');
    (later.cookie as Record<string, unknown>).expires = new Date(Date.now() + 1_200_000).toISOString();
    await store.core.touch('s-u1', later);
    await store.core.flushIndex();
    expect(await raw.pttl(index)).toBeGreaterThan(1_100_000);
    expect(await raw.pttl(`${index}:logins`)).toBeGreaterThan(1_100_000);
    // The index's score runs ahead of the session's expiry by a slack, so the next touches send nothing;
    // the listing gives the expiry as stored.
    const expiry = new Date(String((later.cookie as Record<string, unknown>).expires)).getTime();
    expect(Number(await raw.zscore(index, 's-u1'))).toBeGreaterThan(expiry);
    await raw.config('RESETSTAT');
    await store.core.touch('s-u1', later);
    await store.core.flushIndex();
    expect(await commandCalls(raw)).toEqual({ pexpireat: 1 });
    const listed = await store.core.userSessions('frank');
    expect(listed.find((e) => e.sessionId === 's-u1')?.expiresAt).toBe(expiry);
    await store.core.end('s-u2');
    expect((await store.core.userSessions('frank')).map((e) => e.sessionId)).toEqual(['s-u1']);
    // A session gone without a logout (expired) is not listed, whatever the index's score says.
    await raw.del(key('s-u1'));
    expect(await store.core.userSessions('frank')).toEqual([]);
  });

  it('reads and writes sessions of the previous layout (a hash), replacing it by the document on write', async () => {
    const exp = Date.now() + 600_000;
    const cookie = { originalMaxAge: 600_000, expires: new Date(exp).toISOString(), httpOnly: true, path: '/' };
    // The layout up to 2026-11-26: per-property cookie fields.
    await raw.hset(key('s-old'), {
      'c:originalMaxAge': '600000',
      'c:expires': JSON.stringify(cookie.expires),
      'c:httpOnly': 'true',
      'c:path': '"/"',
      'f:userId': '"erin"',
      'f:cart': '["pen"]',
      _v: 3,
      _c: 1_000,
      _e: exp,
      _uid: 'erin',
    });
    await raw.pexpireat(key('s-old'), exp);
    const s = (await store.core.get('s-old')) as Record<string, unknown>;
    expect(s).toMatchObject({ cookie, userId: 'erin', cart: ['pen'] });
    await store.core.touch('s-old', s);
    s.cart = ['pen', 'ink'];
    await store.core.set('s-old', s);
    expect(await raw.type(key('s-old'))).toBe('string');
    expect(await doc('s-old')).toEqual({ v: 4, s: { cookie, userId: 'erin', cart: ['pen', 'ink'] } });
    expect(await raw.pttl(key('s-old'))).toBeGreaterThan(590_000);

    // The layout before 2026-11-25: the cookie as one `f:cookie` value; two requests read it, both write.
    await raw.hset(key('s-older'), {
      'f:cookie': JSON.stringify(cookie),
      'f:userId': '"erin"',
      _v: 5,
      _c: 2_000,
      _e: exp,
      _uid: 'erin',
    });
    await raw.pexpireat(key('s-older'), exp);
    const first = (await store.core.get('s-older')) as Record<string, unknown>;
    const second = (await store.core.get('s-older')) as Record<string, unknown>;
    expect(first).toMatchObject({ cookie, userId: 'erin' });
    first.a = 1;
    second.b = 2;
    await store.core.set('s-older', first);
    await store.core.set('s-older', second);
    expect(await doc('s-older')).toMatchObject({ v: 7, s: { cookie, userId: 'erin', a: 1, b: 2 } });

    // A session object with no base (say, from another app) over a hash: merged into it.
    await raw.hset(key('s-oldest'), { 'f:userId': '"erin"', 'f:x': '1', _v: 2, _c: 3_000, _e: exp });
    await raw.pexpireat(key('s-oldest'), exp);
    await store.core.set('s-oldest', { cookie, y: 2 });
    expect(await doc('s-oldest')).toMatchObject({ v: 3, s: { cookie, userId: 'erin', x: 1, y: 2 } });
  });

  it('reads the tombstones of previous layouts once, and refuses writes to an in-hash tombstone', async () => {
    await raw.hset(key('s-old-ended'), { _v: '-1000000000000000', _x: JSON.stringify({ reason: 'admin', at: 7 }) });
    await raw.pexpire(key('s-old-ended'), 60_000);
    expect(await store.core.get('s-old-ended')).toMatchObject({ sessionEnded: { reason: 'admin', at: 7 } });
    expect(await store.core.get('s-old-ended')).toBeNull();
    const refused = store.metrics().lateWritesRefused;
    await store.core.set('s-old-ended', loggedIn('hal'));
    expect(store.metrics().lateWritesRefused).toBe(refused + 1);
    expect(await raw.type(key('s-old-ended'))).toBe('hash');
    // Ending it again leaves a tombstone of the current layout.
    await store.core.end('s-old-ended', 'logout');
    expect(await doc('s-old-ended')).toMatchObject({ v: -1, x: 'logout' });

    await raw.set(
      `${key('s-oldest-ended')}:ended`,
      JSON.stringify({ reason: 'duplicate-login', at: 1, notified: false }),
      'PX',
      60_000,
    );
    expect(await store.core.get('s-oldest-ended')).toMatchObject({ sessionEnded: { reason: 'duplicate-login' } });
    expect(await store.core.get('s-oldest-ended')).toBeNull();
  });

  it('ends a session of the previous layout with its creation time and user', async () => {
    const exp = Date.now() + 600_000;
    await raw.hset(key('s-old-end'), { 'f:userId': '"ivy"', _v: 2, _c: Date.now() - 5_000, _e: exp, _uid: 'ivy' });
    await raw.pexpireat(key('s-old-end'), exp);
    await store.core.login('s-old-end', 'ivy', exp);
    expect((await store.core.userSessions('ivy')).map((e) => e.sessionId)).toEqual(['s-old-end']);
    const destroyed = store.metrics().destroyedSessions;
    await store.core.end('s-old-end');
    expect(store.metrics().destroyedSessions).toBe(destroyed + 1);
    expect(await store.core.userSessions('ivy')).toEqual([]);
    expect(await doc('s-old-end')).toMatchObject({ v: -1, x: 'logout' });
  });
});
