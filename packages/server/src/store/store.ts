/**
 * The storage interface. The embedded implementation (DuckDB in the data directory) is the default;
 * a ClickHouse implementation can follow behind the same interface.
 */
import type { Transaction } from '../model/transaction.js';
import type { LogRecord, MetricSample, SessionEvent } from '../model/telemetry.js';
import type { RollupLevel, RollupRow } from '../rollup/rollup-row.js';
import type { RawSegment } from './raw-tier.js';
import type { TransactionAggregates } from './transaction-aggregates.js';

/** Most rows one store read returns, whatever its `limit`: wider reads page or count (`countTransactions`). */
export const MAX_QUERY_ROWS = 100_000;
/** The deepest page a read may start at: rows skipped cost a scan each. */
export const MAX_QUERY_OFFSET = 10_000_000;

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
  /** Rows to skip in the query's order before the first returned (paging; at most `MAX_QUERY_OFFSET`). */
  offset?: number;
  order?: 'time' | 'duration' | 'bytes';
}

/** Sessions seen through session events and the transactions carrying their id. */
export interface SessionQuery extends TimeRange {
  instance?: string;
  userId?: string;
  /** Only sessions not ended and seen at or after `activeSince` (epoch ms). */
  activeOnly?: boolean;
  /** Sessions last seen before this are `idle`; default `to − 5 min`. */
  activeSince?: number;
  limit?: number;
}

export interface SessionSummary {
  sessionId: string;
  instance: string;
  userId: string | null;
  clientIp: string | null;
  userAgent: string | null;
  /** Epoch ms of the first and last event or transaction. */
  firstSeen: number;
  lastSeen: number;
  transactions: number;
  /** `ended` once a destroyed/expired event was seen; `idle` when last seen before `activeSince`. */
  state: 'active' | 'idle' | 'ended';
}

/** Everything one collector flush writes, committed atomically (all or nothing). */
export interface StoreBatch {
  transactions?: readonly Transaction[];
  metrics?: readonly MetricSample[];
  logs?: readonly LogRecord[];
  sessionEvents?: readonly SessionEvent[];
  rollups?: readonly RollupRow[];
  /**
   * Newline-delimited JSON files of model records to bulk-load (the collector's JSON journal segments);
   * lines with a top-level `c` key (journal commit lines) are skipped.
   */
  rawFiles?: {
    transactions?: readonly string[];
    metrics?: readonly string[];
    logs?: readonly string[];
    sessionEvents?: readonly string[];
  };
  /**
   * Closed TSV journal segments of transactions (tx-tsv.ts) that become raw storage as they are:
   * hard-linked into the store's directory and listed in this batch's transaction.
   */
  rawTransactionSegments?: readonly RawSegment[];
  /** Small key/value state committed with the data (the journal checkpoint). */
  state?: Readonly<Record<string, string>>;
}

export interface Store {
  /** Grouped reads over raw transactions (thresholds applied in the store); absent → analyses read rows. */
  readonly aggregates?: TransactionAggregates;
  /** Writes a batch in one transaction: a crash leaves either all of it or none. */
  writeBatch(batch: StoreBatch): Promise<void>;
  /** A value written through `StoreBatch.state`, or undefined. */
  readState(key: string): Promise<string | undefined>;
  querySessions(q: SessionQuery): Promise<SessionSummary[]>;
  /** Raw rows: appended as received (100 %, no sampling). */
  appendTransactions(txs: Transaction[]): Promise<void>;
  appendMetrics(samples: MetricSample[]): Promise<void>;
  appendLogs(records: LogRecord[]): Promise<void>;
  appendSessionEvents(events: SessionEvent[]): Promise<void>;
  /** Inserts or replaces rollup rows by (level, instance, start). */
  upsertRollups(rows: RollupRow[]): Promise<void>;
  /**
   * Rollup rows of one level ordered by start then instance. `withSketches: false` (default true)
   * skips the sketch bytes (returned empty) for queries that need only gauges and counts.
   */
  queryRollups(q: TimeRange & { level: RollupLevel; instance?: string; withSketches?: boolean }): Promise<RollupRow[]>;
  /** Raw rows matching `q`, at most `limit` (default 1000) and never more than `MAX_QUERY_ROWS`. */
  queryTransactions(q: TransactionQuery): Promise<Transaction[]>;
  /** How many rows match `q` (its limit and order ignored): what a capped read left out. */
  countTransactions(q: TransactionQuery): Promise<number>;
  queryMetrics(q: TimeRange & { instance?: string; metric?: MetricSample['metric'] }): Promise<MetricSample[]>;
  queryLogs(q: TimeRange & { instance?: string; severity?: string; limit?: number }): Promise<LogRecord[]>;
  querySessionEvents(q: TimeRange & { instance?: string; limit?: number }): Promise<SessionEvent[]>;
  /** Converts raw rows still kept row-wise (pending TSV files) to their columnar form now, if the store has one. */
  compactRaw?(): Promise<void>;
  /** Deletes what is older than each retention; returns rows removed. */
  prune(now: number, retentionMs: Partial<Record<RollupLevel | 'transactions', number>>): Promise<number>;
  close(): Promise<void>;
}
