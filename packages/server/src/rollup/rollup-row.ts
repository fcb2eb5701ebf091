/**
 * The rollup row: what is kept per (level, instance, bucket). Levels are 2 s → 1 min → 5 min → 1 h;
 * the instance `TOTAL_INSTANCE` holds the all-instances row (sketches merged, so a user on two servers
 * counts once, and CCU gauges sampled on the merged window — never a sum of per-instance peaks).
 */
import type { UserKeyMode } from '../model/transaction.js';

export const ROLLUP_LEVELS = ['2s', '1m', '5m', '1h'] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

export const LEVEL_MS: Record<RollupLevel, number> = {
  '2s': 2_000,
  '1m': 60_000,
  '5m': 300_000,
  '1h': 3_600_000,
};

/** Instance name of the all-instances rows. */
export const TOTAL_INSTANCE = '*';

/**
 * Upper bounds (ms, inclusive) of the latency histogram buckets; one more bucket counts everything
 * slower. Roughly log-spaced so p50/p95/p99 are within ~25 % of the true value.
 */
export const LATENCY_BOUNDS_MS = [
  1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700, 1000, 1500, 2000, 3000, 5000, 7000, 10000, 15000,
  20000, 30000, 60000,
] as const;

/** Distinct-user figures of one identification mode in one bucket. */
export interface UserStats {
  /** HyperLogLog (Redis byte format, `@promptops/sketch`) of the user keys seen in the bucket. */
  sketch: Uint8Array;
  /** Maximum of the CCU gauge (distinct keys over the active window) sampled every 2 s in the bucket. */
  ccuMax: number;
  ccuMin: number;
  ccuAvg: number;
  /** Number of 2 s gauge samples behind min/max/avg (lets coarser levels average correctly). */
  samples: number;
}

export interface RollupRow {
  level: RollupLevel;
  instance: string;
  /** Bucket start, epoch ms, aligned to the level. */
  start: number;
  /** Per identification mode kept by the deployment. */
  users: Partial<Record<UserKeyMode, UserStats>>;
  transactions: number;
  errors: number;
  /** Counts per LATENCY_BOUNDS_MS bucket, length LATENCY_BOUNDS_MS.length + 1. */
  latency: number[];
  durationSumMs: number;
  bytes: number;
  /** Active sessions (gauge): maximum seen in the bucket; null when no session data. */
  sessions: number | null;
  /** CPU utilisation 0..1: average and maximum in the bucket; null when no metric. */
  cpuAvg: number | null;
  cpuMax: number | null;
  /** Memory used in bytes: average and maximum in the bucket; null when no metric. */
  memoryAvg: number | null;
  memoryMax: number | null;
  /** Samples behind cpuAvg / memoryAvg, so a late sample or a coarser level averages correctly. */
  cpuSamples?: number;
  memorySamples?: number;
}
