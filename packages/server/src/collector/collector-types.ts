/**
 * The collector facade's query and result shapes: what the HTTP layer, the CLI, the ask engine and the
 * demo read. Times in queries are epoch milliseconds; times in results are ISO 8601 strings (as the
 * external contract shows them) except in raw rows, which keep the store's epoch milliseconds.
 */
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import type { RollupLevel } from '../rollup/rollup-row.js';
import type { SessionQuery, SessionSummary, TimeRange, TransactionQuery } from '../store/store.js';
import type { TransactionPage } from './transaction-page.js';

/** A distinct-count estimate with its ±1.04/√m band (rounded to whole users). */
export interface CcuEstimate {
  value: number;
  low: number;
  high: number;
}

export interface ConcurrentUsersQuery {
  /** Epoch ms; default now. Past instants are answered from stored 2 s sketches (or coarser gauges). */
  at?: number;
  /** One instance only; default all (the total, plus every instance). */
  instance?: string;
  /** Identification mode; default the first configured mode. */
  mode?: UserKeyMode;
}

/** `GET /api/v1/concurrent-users` body. */
export interface ConcurrentUsersResult extends CcuEstimate {
  /** The instant answered, ISO 8601. */
  at: string;
  windowSeconds: number;
  mode: UserKeyMode;
  /** Per-instance figures (their sum exceeds the total when users hit several instances). */
  instances: (CcuEstimate & { instance: string })[];
}

export const SERIES_METRICS = ['ccu', 'visitors', 'transactions', 'errors', 'sessions', 'cpu', 'memory'] as const;
export type SeriesMetric = (typeof SERIES_METRICS)[number];

export interface SeriesQuery extends TimeRange {
  metric: SeriesMetric;
  step: RollupLevel;
  /** One instance; default the all-instances total. */
  instance?: string;
  /** For `ccu`/`visitors`; default the first configured mode. */
  mode?: UserKeyMode;
}

export interface SeriesPoint {
  /** Bucket start, ISO 8601. */
  t: string;
  /** ccu: bucket peak; visitors: distinct keys in the bucket; counts; sessions max; cpu 0..1 avg; memory bytes avg. */
  value: number;
  low?: number;
  high?: number;
  /** ccu: min/avg of the gauge; cpu/memory: max in the bucket. */
  stats?: { min?: number; avg?: number; max?: number };
}

/** `GET /api/v1/series` body. Buckets without any stored row are absent (no data, not zero). */
export interface SeriesResult {
  metric: SeriesMetric;
  step: RollupLevel;
  instance?: string;
  mode?: UserKeyMode;
  points: SeriesPoint[];
}

export type { SessionQuery, SessionSummary } from '../store/store.js';
export type { TransactionPage } from './transaction-page.js';

/** Live latency histogram: cumulative counts per LATENCY_BOUNDS_MS bucket (+ overflow), since start. */
export interface LiveLatency {
  boundsMs: readonly number[];
  counts: number[];
  sumMs: number;
  count: number;
}

/** Live numbers of one instance (or the total) for `/metrics`, `/readyz` and the demo. */
export interface LiveInstanceSnapshot {
  instance: string;
  /** CCU now per configured mode. */
  ccu: Partial<Record<UserKeyMode, CcuEstimate>>;
  /** Latest active-sessions gauge (session metric or session events); null when unknown. */
  activeSessions: number | null;
  /** Cumulative counters since the collector opened. */
  transactions: number;
  errors: number;
  latency: LiveLatency;
}

export interface LiveSnapshot {
  /** Epoch ms of the snapshot. */
  at: number;
  windowSeconds: number;
  modes: UserKeyMode[];
  total: LiveInstanceSnapshot;
  instances: LiveInstanceSnapshot[];
  /** Records the collector accepted / dropped since it opened, with the first reasons. */
  ingest: { accepted: number; rejected: number; rejections: { reason: string; count: number }[] };
}

/** The facade: a TelemetrySink plus the read side. See collector.ts for behaviour. */
export interface CollectorReadApi {
  concurrentUsers(q?: ConcurrentUsersQuery): Promise<ConcurrentUsersResult>;
  series(q: SeriesQuery): Promise<SeriesResult>;
  sessions(q: SessionQuery): Promise<SessionSummary[]>;
  userRequests(userId: string, range: TimeRange & { limit?: number }): Promise<Transaction[]>;
  queryTransactions(q: TransactionQuery): Promise<Transaction[]>;
  /** Raw transactions with how many matched and whether the page left rows out. */
  transactionPage(q: TransactionQuery): Promise<TransactionPage>;
  liveSnapshot(): LiveSnapshot;
}
