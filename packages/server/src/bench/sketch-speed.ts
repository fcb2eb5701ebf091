/**
 * Throughput of the sketch on one core beside its peers, each timed several times with the median kept:
 * string adds (36-character ids), pre-hashed adds, merges of two dense sketches, Redis PFADD pipelined
 * from Node (one element per command, and 100 per command), and the bloom-filters HyperLogLog.
 */
import type { Redis } from 'ioredis';
import bloomFilters from 'bloom-filters';
import { HyperLogLog, hash64 } from '@promptops/sketch';
import { TrialIds, mulberry32 } from './sketch-inputs.js';

export interface SpeedRow {
  name: string;
  unit: string;
  /** Operations per second, median of the runs. */
  perSecond: number;
  /** Operations per second of the fastest run (the least disturbed on a shared machine). */
  best: number;
  runs: number;
  note: string;
}

export interface SpeedPlan {
  ids: number;
  runs: number;
  peerIds: number;
  redisIds: number;
  merges: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

interface Rate {
  perSecond: number;
  best: number;
}

/** Runs `body` `runs` times (after one warm-up): median and best operations per second. */
async function timed(runs: number, ops: number, body: () => unknown): Promise<Rate> {
  await body();
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    await body();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    rates.push(ops / seconds);
  }
  return { perSecond: median(rates), best: Math.max(...rates) };
}

export async function measureSpeed(
  plan: SpeedPlan,
  redis: Redis | undefined,
  keyPrefix: string,
  log: (line: string) => void,
): Promise<SpeedRow[]> {
  const gen = new TrialIds(42);
  const generated = new Array<string>(plan.ids);
  gen.fill(generated, 0, plan.ids);
  // Parsed back from JSON, the ids are flat strings laid out one after another, as ids parsed out of
  // requests are (concatenated ones are ropes, slower to read and scattered in memory).
  const ids = JSON.parse(JSON.stringify(generated)) as string[];
  const rows: SpeedRow[] = [];
  let sink = 0;

  log('sketch speed: string adds');
  const stringRate = await timed(plan.runs, ids.length, () => {
    const h = new HyperLogLog();
    for (let i = 0; i < ids.length; i++) h.add(ids[i]);
    sink += h.count();
  });
  rows.push({
    name: 'ours: add(string)',
    unit: 'adds/s',
    ...stringRate,
    runs: plan.runs,
    note: `${ids.length.toLocaleString('en')} distinct 36-char ids into a fresh sketch per run`,
  });

  // The same adds on 100k ids (about 6 MB of strings, cache-resident) read 10 times: an id fresh from the
  // request parser is in cache, so this is the hashing cost without the memory traffic of 1M strings.
  const hot = ids.slice(0, Math.min(100_000, ids.length));
  const hotRate = await timed(plan.runs, hot.length * 10, () => {
    const h = new HyperLogLog();
    for (let pass = 0; pass < 10; pass++) for (let i = 0; i < hot.length; i++) h.add(hot[i]);
    sink += h.count();
  });
  rows.push({
    name: 'ours: add(string), cache-resident ids',
    unit: 'adds/s',
    ...hotRate,
    runs: plan.runs,
    note: `${hot.length.toLocaleString('en')} 36-char ids, 10 passes into a fresh sketch per run`,
  });

  log('sketch speed: pre-hashed adds');
  const next = mulberry32(7);
  const hashes = new Uint32Array(2 * plan.ids);
  for (let i = 0; i < hashes.length; i++) hashes[i] = next();
  const hashedRate = await timed(plan.runs, plan.ids, () => {
    const h = new HyperLogLog();
    for (let i = 0; i < hashes.length; i += 2) h.addHash64(hashes[i], hashes[i + 1]);
    sink += h.count();
  });
  rows.push({
    name: 'ours: addHash64(hi, lo)',
    unit: 'adds/s',
    ...hashedRate,
    runs: plan.runs,
    note: 'random 64-bit hashes from a seeded PRNG',
  });

  log('sketch speed: hash64');
  const hashRate = await timed(plan.runs, ids.length, () => {
    for (let i = 0; i < ids.length; i++) sink ^= Number(hash64(ids[i]) & 1n);
  });
  rows.push({
    name: 'ours: hash64(string) → BigInt',
    unit: 'hashes/s',
    ...hashRate,
    runs: plan.runs,
    note: 'the public convenience helper (allocates a BigInt); add() does not use it',
  });

  log('sketch speed: dense merges');
  const a = new HyperLogLog();
  const b = new HyperLogLog();
  for (let i = 0; i < 100_000 && i < ids.length; i++) a.add(ids[i]);
  for (let i = 0; i < 100_000; i++) b.add(gen.id(plan.ids + i));
  const mergeRate = await timed(plan.runs, plan.merges, () => {
    for (let i = 0; i < plan.merges; i++) a.merge(b);
  });
  rows.push({
    name: 'ours: merge(dense, dense)',
    unit: 'merges/s',
    ...mergeRate,
    runs: plan.runs,
    note: 'two 16384-register sketches of ~100k ids each',
  });
  const mergeCountRate = await timed(plan.runs, plan.merges, () => {
    for (let i = 0; i < plan.merges; i++) sink += a.clone().merge(b).count();
  });
  rows.push({
    name: 'ours: clone + merge + count',
    unit: 'merges/s',
    ...mergeCountRate,
    runs: plan.runs,
    note: 'what a CCU window does per step: copy, fold in, estimate',
  });

  log('sketch speed: bloom-filters HyperLogLog');
  const peerIds = ids.slice(0, plan.peerIds);
  const peerRate = await timed(plan.runs, peerIds.length, () => {
    const h = new bloomFilters.HyperLogLog(16384);
    for (const id of peerIds) h.update(id);
    sink += h.count();
  });
  rows.push({
    name: 'bloom-filters 3.0.4: update(string)',
    unit: 'adds/s',
    ...peerRate,
    runs: plan.runs,
    note: `${peerIds.length.toLocaleString('en')} ids, 16384 registers (the most-downloaded JS HyperLogLog)`,
  });

  if (redis !== undefined) {
    const redisIds = ids.slice(0, plan.redisIds);
    const key = `${keyPrefix}speed`;
    log('sketch speed: Redis PFADD, one element per command');
    const single = await timed(plan.runs, redisIds.length, async () => {
      await redis.del(key);
      for (let i = 0; i < redisIds.length; i += 10_000) {
        const p = redis.pipeline();
        for (let j = i; j < Math.min(redisIds.length, i + 10_000); j++) p.pfadd(key, redisIds[j]);
        await p.exec();
      }
    });
    rows.push({
      name: 'Redis PFADD, pipelined, 1 element/command',
      unit: 'adds/s',
      ...single,
      runs: plan.runs,
      note: 'ioredis pipeline of 10,000 commands at a time to the local redis-server',
    });
    log('sketch speed: Redis PFADD, 100 elements per command');
    const batched = await timed(plan.runs, redisIds.length, async () => {
      await redis.del(key);
      for (let i = 0; i < redisIds.length; i += 10_000) {
        const p = redis.pipeline();
        for (let j = i; j < Math.min(redisIds.length, i + 10_000); j += 100) {
          p.pfadd(key, ...redisIds.slice(j, Math.min(redisIds.length, j + 100)));
        }
        await p.exec();
      }
    });
    await redis.del(key);
    rows.push({
      name: 'Redis PFADD, pipelined, 100 elements/command',
      unit: 'adds/s',
      ...batched,
      runs: plan.runs,
      note: 'the most favourable way to feed Redis from one client',
    });
  }
  if (sink === 0.5) log('unreachable'); // keeps the measured loops' results alive
  return rows;
}
