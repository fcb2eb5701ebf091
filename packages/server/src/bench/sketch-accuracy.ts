/**
 * Accuracy of the sketch beside Redis on identical inputs: for each cardinality, independent trials of
 * n distinct ids, each counted by our HyperLogLog and (for the first `redisTrials` trials) by Redis
 * PFADD/PFCOUNT on a fresh key. Reports mean relative error (bias) and RMSE, and whether both counts
 * were identical on the shared trials (they should be: same hash, same registers, same estimator).
 */
import type { Redis } from 'ioredis';
import { HyperLogLog } from '@promptops/sketch';
import { TrialIds, xoshiro128 } from './sketch-inputs.js';

export interface AccuracyPlan {
  cardinality: number;
  trials: number;
  redisTrials: number;
  hashedTrials: number;
}

export interface ErrorStats {
  trials: number;
  meanPct: number;
  rmsePct: number;
  maxAbsPct: number;
}

export interface AccuracyRow {
  cardinality: number;
  ours: ErrorStats;
  /** Many more trials of our sketch fed random 64-bit hashes (addHash64): a tighter error estimate. */
  oursHashed?: ErrorStats;
  redis?: ErrorStats;
  identical?: { same: number; of: number };
}

const CHUNK = 10_000;
const PFADD_BATCH = 1000;
const KEY_TTL_SECONDS = 3600;

function stats(relErrors: number[]): ErrorStats {
  const n = relErrors.length;
  const mean = relErrors.reduce((a, b) => a + b, 0) / n;
  const mse = relErrors.reduce((a, b) => a + b * b, 0) / n;
  return {
    trials: n,
    meanPct: mean * 100,
    rmsePct: Math.sqrt(mse) * 100,
    maxAbsPct: Math.max(...relErrors.map(Math.abs)) * 100,
  };
}

async function pfaddChunk(redis: Redis, key: string, ids: string[], count: number): Promise<void> {
  const pipeline = redis.pipeline();
  for (let i = 0; i < count; i += PFADD_BATCH) pipeline.pfadd(key, ...ids.slice(i, Math.min(count, i + PFADD_BATCH)));
  // The Redis is shared: a run stopped half-way must not leave its keys behind for long.
  pipeline.expire(key, KEY_TTL_SECONDS);
  await pipeline.exec();
}

export async function measureAccuracy(
  plan: AccuracyPlan,
  redis: Redis | undefined,
  keyPrefix: string,
  log: (line: string) => void,
): Promise<AccuracyRow> {
  const n = plan.cardinality;
  const ours: number[] = [];
  const theirs: number[] = [];
  let same = 0;
  const chunk: string[] = new Array<string>(CHUNK);
  for (let t = 0; t < plan.trials; t++) {
    const ids = new TrialIds(n * 1000 + t + 1);
    const useRedis = redis !== undefined && t < plan.redisTrials;
    const key = `${keyPrefix}acc:${n}:${t}`;
    const h = new HyperLogLog();
    for (let start = 0; start < n; start += CHUNK) {
      const count = Math.min(CHUNK, n - start);
      ids.fill(chunk, start, count);
      for (let i = 0; i < count; i++) h.add(chunk[i]);
      if (useRedis) await pfaddChunk(redis, key, chunk, count);
    }
    const est = h.count();
    ours.push((est - n) / n);
    if (useRedis) {
      const redisEst = await redis.pfcount(key);
      await redis.del(key);
      theirs.push((redisEst - n) / n);
      if (redisEst === est) same++;
    }
    if (n >= 1_000_000) log(`  n=${n} trial ${t + 1}/${plan.trials}: ${est}`);
  }
  const row: AccuracyRow = { cardinality: n, ours: stats(ours) };
  if (plan.hashedTrials > 0) row.oursHashed = hashedAccuracy(n, plan.hashedTrials);
  if (theirs.length > 0) {
    row.redis = stats(theirs);
    row.identical = { same, of: theirs.length };
  }
  return row;
}

/**
 * Trials on the pre-hashed path: n random 64-bit values per trial stand for n distinct hashed ids
 * (a 64-bit collision among them is vanishingly unlikely), so many trials fit in seconds.
 */
function hashedAccuracy(n: number, trials: number): ErrorStats {
  const errors: number[] = [];
  for (let t = 0; t < trials; t++) {
    const next = xoshiro128(n, t);
    const h = new HyperLogLog();
    for (let i = 0; i < n; i++) h.addHash64(next(), next());
    errors.push((h.count() - n) / n);
  }
  return stats(errors);
}
