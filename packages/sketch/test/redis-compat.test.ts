/**
 * Byte compatibility with a real redis-server: our bytes stored with SET give the same PFCOUNT as
 * count(); Redis's PFADD bytes loaded with fromBytes give Redis's count; PFMERGE of ours with Redis's
 * equals merge(). Keys use a unique prefix and are deleted afterwards (the Redis is shared).
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HyperLogLog } from '@promptops/sketch';
import { localRedisAvailable } from '../../../test/support/services.js';
import { mulberry32, uuidLike, uuidPrefix } from './seeded-ids.js';

const redisInfo = await localRedisAvailable();
const prefix = `promptops:test:sketch:${process.pid}:${Date.now()}:`;

function ids(n: number, seed: number): string[] {
  const p = uuidPrefix(mulberry32(seed));
  return Array.from({ length: n }, (_, i) => uuidLike(p, i));
}

async function pfaddAll(redis: Redis, key: string, values: string[]): Promise<void> {
  await redis.pfadd(key);
  for (let i = 0; i < values.length; i += 2000) await redis.pfadd(key, ...values.slice(i, i + 2000));
}

/** Our bytes with the "cached cardinality is stale" bit set, so Redis must run its own estimator. */
function uncached(bytes: Uint8Array): Buffer {
  const b = Buffer.from(bytes);
  b[15] |= 0x80;
  return b;
}

describe.skipIf(!redisInfo.available)('Redis HyperLogLog compatibility (real redis-server)', () => {
  let redis: Redis;
  const cardinalities = [0, 1, 7, 100, 1000, 1300, 1600, 3000, 20_000, 200_000];

  beforeAll(() => {
    redis = new Redis(redisInfo.url, { lazyConnect: false, maxRetriesPerRequest: 2 });
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('SET of toBytes() gives PFCOUNT equal to count(), sparse and dense', async () => {
    for (const n of cardinalities) {
      const h = new HyperLogLog();
      for (const v of ids(n, n + 1)) h.add(v);
      const bytes = h.toBytes();
      await redis.set(`${prefix}ours:${n}`, uncached(bytes));
      expect(await redis.pfcount(`${prefix}ours:${n}`), `n=${n}`).toBe(h.count());
      // Redis keeps adding to our value as its own: PFADD of one more element changes the same registers.
      await redis.pfadd(`${prefix}ours:${n}`, 'one-more');
      h.add('one-more');
      expect(await redis.pfcount(`${prefix}ours:${n}`)).toBe(h.count());
    }
  });

  it('emits sparse whenever Redis itself keeps the key sparse', async () => {
    for (const n of cardinalities) {
      const values = ids(n, n + 2);
      const h = new HyperLogLog();
      for (const v of values) h.add(v);
      await pfaddAll(redis, `${prefix}enc:${n}`, values);
      const theirs = await redis.getBuffer(`${prefix}enc:${n}`);
      const ours = h.toBytes();
      // Redis sparse ⇒ ours sparse (ours is the shortest encoding, so it may stay sparse a little longer).
      if (theirs?.[4] === 1) expect(ours[4], `n=${n}`).toBe(1);
      if (ours[4] === 1) expect(ours.length).toBeLessThanOrEqual(3000);
      else expect(ours.length).toBe(12304);
    }
  });

  it('fromBytes of a PFADD-built value gives the count Redis gives', async () => {
    for (const n of cardinalities) {
      const key = `${prefix}theirs:${n}`;
      await pfaddAll(redis, key, ids(n, n + 3));
      const raw = await redis.getBuffer(key);
      expect(raw).not.toBeNull();
      const loaded = HyperLogLog.fromBytes(new Uint8Array(raw as Buffer));
      expect(loaded.count(), `n=${n}`).toBe(await redis.pfcount(key));
    }
  });

  it('PFMERGE of our sketch with Redis’s equals our merge()', async () => {
    const pairs: Array<[number, number]> = [
      [10, 10],
      [500, 900],
      [1200, 50_000],
      [60_000, 300],
      [80_000, 80_000],
    ];
    for (const [a, b] of pairs) {
      const ours = new HyperLogLog();
      for (const v of ids(a, a * 7 + 1)) ours.add(v);
      const theirsValues = ids(b, b * 7 + 2);
      const theirsKey = `${prefix}m:theirs:${a}:${b}`;
      const oursKey = `${prefix}m:ours:${a}:${b}`;
      const destKey = `${prefix}m:dest:${a}:${b}`;
      await pfaddAll(redis, theirsKey, theirsValues);
      await redis.set(oursKey, uncached(ours.toBytes()));
      await redis.pfmerge(destKey, oursKey, theirsKey);
      const theirs = HyperLogLog.fromBytes(new Uint8Array((await redis.getBuffer(theirsKey)) as Buffer));
      const merged = ours.clone().merge(theirs);
      expect(await redis.pfcount(destKey), `a=${a} b=${b}`).toBe(merged.count());
      const mergedByRedis = HyperLogLog.fromBytes(new Uint8Array((await redis.getBuffer(destKey)) as Buffer));
      expect(mergedByRedis.count()).toBe(merged.count());
      // PFCOUNT over several keys merges on the fly: the same union.
      expect(await redis.pfcount(oursKey, theirsKey)).toBe(merged.count());
    }
  });
});
