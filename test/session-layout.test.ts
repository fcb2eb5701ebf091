/**
 * The Redis key layout of a session as documented (packages/session/README.md, "Key layout") on a real
 * Redis: the cookie as short per-property fields so the hash stays a listpack, the tombstone inside the
 * session hash refusing late writes, field-level merging of interleaved writes, and sessions written in
 * the previous layout (one `f:cookie` value, a separate `:ended` tombstone) still read.
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

describe.skipIf(!hasRedis)('session key layout on Redis', () => {
  const group = new RedisGroup();
  let raw: Redis;
  let store: SessionStore;
  const key = (sid: string) => `${PREFIX}{${sid}}`;

  beforeAll(async () => {
    await group.start(PORT);
    raw = new Redis(PORT, '127.0.0.1');
    store = createSessionStore({ backend: `redis://127.0.0.1:${PORT}`, keyPrefix: PREFIX, instance: 'layout' });
  });
  afterAll(async () => {
    await store?.close();
    raw?.disconnect();
    await group.stop();
  });

  it('keeps the cookie as one field per property, so the session hash stays a listpack', async () => {
    await store.core.set('s-layout', loggedIn('alice'));
    const h = await raw.hgetall(key('s-layout'));
    expect(h['f:cookie']).toBeUndefined();
    expect(JSON.parse(h['c:originalMaxAge'])).toBe(600_000);
    expect(JSON.parse(h['c:path'])).toBe('/');
    expect(JSON.parse(h['c:httpOnly'])).toBe(true);
    expect(JSON.parse(h['f:userId'])).toBe('alice');
    expect(h._uid).toBe('alice');
    expect(Number(h._v)).toBe(1);
    expect(await raw.object('ENCODING', key('s-layout'))).toBe('listpack');
    const back = await store.core.get('s-layout');
    expect(back).toMatchObject({ userId: 'alice', cart: ['book'], cookie: { path: '/', originalMaxAge: 600_000 } });
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
  });

  it('a write arriving after the session ended lands in its tombstone and does not revive it', async () => {
    await store.core.set('s-late', loggedIn('carol'));
    const stale = (await store.core.get('s-late')) as Record<string, unknown>;
    await store.core.end('s-late', 'logout');
    const t = await raw.hgetall(key('s-late'));
    expect(Number(t._v)).toBeLessThan(0);
    expect(JSON.parse(t._x)).toMatchObject({ reason: 'logout' });
    const refused = store.metrics().lateWritesRefused;
    stale.cart = ['late'];
    await store.core.set('s-late', stale);
    expect(store.metrics().lateWritesRefused).toBe(refused + 1);
    expect(await store.core.get('s-late')).toBeNull();
    // A new session object under the same id (no base) is refused too.
    await store.core.set('s-late', loggedIn('carol'));
    expect(await store.core.get('s-late')).toBeNull();
    expect(await store.core.userSessions('carol')).toEqual([]);
  });

  it('tells an ended session why once (duplicate-login, admin), then reads it as missing', async () => {
    await store.core.set('s-admin', loggedIn('dave'));
    await store.core.end('s-admin', 'admin');
    expect(await store.core.get('s-admin')).toMatchObject({ sessionEnded: { reason: 'admin' } });
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
    await store.core.end('s-u2');
    expect((await store.core.userSessions('frank')).map((e) => e.sessionId)).toEqual(['s-u1']);
  });

  it('reads sessions and tombstones written in the previous layout and moves the cookie on the next write', async () => {
    const exp = Date.now() + 600_000;
    const cookie = { originalMaxAge: 600_000, expires: new Date(exp).toISOString(), httpOnly: true, path: '/' };
    await raw.hset(key('s-old'), {
      'f:cookie': JSON.stringify(cookie),
      'f:userId': '"erin"',
      'f:cart': '["pen"]',
      _v: 3,
      _c: Date.now() - 1000,
      _e: exp,
      _uid: 'erin',
    });
    await raw.pexpireat(key('s-old'), exp);
    const s = (await store.core.get('s-old')) as Record<string, unknown>;
    expect(s).toMatchObject({ cookie, userId: 'erin', cart: ['pen'] });
    s.cart = ['pen', 'ink'];
    await store.core.set('s-old', s);
    const h = await raw.hgetall(key('s-old'));
    expect(h['f:cookie']).toBeUndefined();
    expect(JSON.parse(h['c:expires'])).toBe(cookie.expires);
    expect(Number(h._v)).toBe(4);
    expect(await store.core.get('s-old')).toMatchObject({ cookie, userId: 'erin', cart: ['pen', 'ink'] });

    await raw.set(
      `${key('s-old-ended')}:ended`,
      JSON.stringify({ reason: 'duplicate-login', at: 1, notified: false }),
      'PX',
      60_000,
    );
    expect(await store.core.get('s-old-ended')).toMatchObject({ sessionEnded: { reason: 'duplicate-login' } });
    expect(await store.core.get('s-old-ended')).toBeNull();
  });
});
