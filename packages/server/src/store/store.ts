/**
 * The storage interface. The embedded implementation (DuckDB in the data directory) is the default;
 * a ClickHouse implementation can follow behind the same interface.
 */
import type { Transaction } from '../model/transaction.js';
import type { LogRecord, MetricSample, SessionEvent } from '../model/telemetry.js';
import type { RollupLevel, RollupRow } from '../rollup/rollup-row.js';

export interface TimeRange {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
}

export interface TransactionQuery extends TimeRange {
  instance?: string;
  userId?: string;
  sessionId?: string;
  clientIp?: string;
  urlPrefix?: string;
  minDurationMs?: number;
  errorsOnly?: boolean;
  limit?: number;
  order?: 'time' | 'duration' | 'bytes';
}

export interface Store {
  /** Raw rows: appended as received (100 %, no sampling). */
  appendTransactions(txs: Transaction[]): Promise<void>;
  appendMetrics(samples: MetricSample[]): Promise<void>;
  appendLogs(records: LogRecord[]): Promise<void>;
  appendSessionEvents(events: SessionEvent[]): Promise<void>;
  /** Inserts or replaces rollup rows by (level, instance, start). */
  upsertRollups(rows: RollupRow[]): Promise<void>;
  queryRollups(q: TimeRange & { level: RollupLevel; instance?: string }): Promise<RollupRow[]>;
  queryTransactions(q: TransactionQuery): Promise<Transaction[]>;
  queryMetrics(q: TimeRange & { instance?: string; metric?: MetricSample['metric'] }): Promise<MetricSample[]>;
  queryLogs(q: TimeRange & { instance?: string; severity?: string; limit?: number }): Promise<LogRecord[]>;
  querySessionEvents(q: TimeRange & { instance?: string; limit?: number }): Promise<SessionEvent[]>;
  /** Deletes what is older than each retention; returns rows removed. */
  prune(now: number, retentionMs: Partial<Record<RollupLevel | 'transactions', number>>): Promise<number>;
  close(): Promise<void>;
}
