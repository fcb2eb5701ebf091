/**
 * `npx promptops bench sketch`: accuracy, speed and size of @promptops/sketch beside Redis's own
 * HyperLogLog (PFADD/PFCOUNT on the local redis-server, same inputs) and the most-downloaded JavaScript
 * HyperLogLog (bloom-filters). Options (`--set key=value`): `redis=URL` (default the local Redis),
 * `trials=N` ours per cardinality up to 100k, `bigTrials=N` at 1M and 10M, `redisTrials=N`,
 * `redisBigTrials=N`, `hashedTrials=N` and `hashedBigTrials=N` (extra pre-hashed trials of ours),
 * `only=accuracy,speed,memory` (a subset of the parts). `--quick` runs a small version for smoke tests.
 */
import os from 'node:os';
import { connectPeerRedis } from './bench-support.js';
import type { BenchModule, BenchOptions } from './bench-module.js';
import { machineHeader } from './machine-info.js';
import { measureAccuracy } from './sketch-accuracy.js';
import type { AccuracyPlan, AccuracyRow } from './sketch-accuracy.js';
import { measureMemory } from './sketch-memory.js';
import { measureSpeed } from './sketch-speed.js';
import { renderSketchReport } from './sketch-report.js';

function intParam(params: Record<string, string>, name: string, fallback: number): number {
  const raw = params[name];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0) throw new Error(`--set ${name}= expects a non-negative integer, got '${raw}'`);
  return v;
}

async function run(options: BenchOptions): Promise<string> {
  const { quick, params, log } = options;
  const url = params.redis ?? process.env.PROMPTOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = await connectPeerRedis(url, log, 'Redis columns are left out');
  const keyPrefix = `promptops:bench:sketch:${process.pid}:${Date.now()}:`;
  const trials = intParam(params, 'trials', quick ? 3 : 100);
  const bigTrials = intParam(params, 'bigTrials', quick ? 1 : 20);
  const redisTrials = intParam(params, 'redisTrials', quick ? 2 : 20);
  const redisBigTrials = intParam(params, 'redisBigTrials', quick ? 1 : 20);
  const hashedTrials = intParam(params, 'hashedTrials', quick ? 5 : 1000);
  const hashedBigTrials = intParam(params, 'hashedBigTrials', quick ? 0 : 200);
  const cardinalities = quick ? [100, 1000, 10_000] : [100, 1000, 10_000, 100_000, 1_000_000, 10_000_000];
  const parts = new Set((params.only ?? 'accuracy,speed,memory').split(','));
  const started = Date.now();
  try {
    const accuracy: AccuracyRow[] = [];
    for (const n of parts.has('accuracy') ? cardinalities : []) {
      const big = n >= 1_000_000;
      const plan: AccuracyPlan = {
        cardinality: n,
        trials: big ? bigTrials : trials,
        redisTrials: Math.min(big ? redisBigTrials : redisTrials, big ? bigTrials : trials),
        hashedTrials: big ? hashedBigTrials : hashedTrials,
      };
      log(`sketch accuracy: n=${n}, ${plan.trials} trials (${plan.redisTrials} with Redis)`);
      accuracy.push(await measureAccuracy(plan, redis, keyPrefix, log));
    }
    const loadBefore = os.loadavg()[0];
    const speed = parts.has('speed')
      ? await measureSpeed(
          quick
            ? { ids: 50_000, runs: 3, peerIds: 2000, redisIds: 20_000, merges: 500 }
            : { ids: 1_000_000, runs: 9, peerIds: 20_000, redisIds: 500_000, merges: 20_000 },
          redis,
          keyPrefix,
          log,
        )
      : [];
    const load: [number, number] = [loadBefore, os.loadavg()[0]];
    const memory = parts.has('memory') ? await measureMemory([10, 1000, 100_000], redis, keyPrefix) : [];
    return [
      machineHeader('Sketch: @promptops/sketch HyperLogLog vs Redis and bloom-filters'),
      renderSketchReport({
        accuracy,
        speed,
        memory,
        redisUrl: redis === undefined ? undefined : url,
        quick,
        seconds: (Date.now() - started) / 1000,
        load,
      }),
    ].join('\n');
  } finally {
    if (redis !== undefined) {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  }
}

export const bench: BenchModule = {
  description:
    'HyperLogLog accuracy (ours vs Redis PFCOUNT, same inputs), adds/merges per second (vs Redis PFADD and bloom-filters), bytes per sketch',
  run,
};
