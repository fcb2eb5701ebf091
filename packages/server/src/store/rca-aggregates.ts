/**
 * Aggregate reads for the root-cause analyses: the store sums a spiking instance's transactions per
 * route and per user (window against baseline) and finds the few OutOfMemoryError records and the rows
 * before each, so an answer over a day reads groups and a few evidence rows, never the day's rows.
 */
import type { InfraMetric, LogRecord } from '../model/telemetry.js';
import type { Transaction } from '../model/transaction.js';
import type { TimeRange } from './store.js';

/** Requests, busy time (each row's duration clipped to the range it overlaps) and bytes of one group. */
export interface MeasureSums {
  requests: number;
  durationMs: number;
  bytes: number;
}

export interface GroupSums {
  key: string;
  window: MeasureSums;
  baseline: MeasureSums;
}

export interface SpikeSumsQuery {
  instance: string;
  /** Rows starting in this range are considered (what the array path reads). */
  read: TimeRange;
  window: TimeRange;
  baseline: TimeRange;
}

export interface SpikeSums {
  /** Per route template, and per user (`user_id`, else `ip:<client address>`). */
  route: GroupSums[];
  user: GroupSums[];
  /** Rows overlapping the window and the baseline. */
  windowRows: number;
  baselineRows: number;
}

/** Rows searched for a pattern: how many and the time of the first and last (for the evidence). */
export interface SearchedRows {
  rows: number;
  first: number | null;
  last: number | null;
}

export interface OomCandidates {
  /** Log records whose exception type or body contains the marker. */
  logs: LogRecord[];
  /** Error transactions whose child-span summary contains the marker (the caller checks the exceptions). */
  transactions: Transaction[];
  searchedLogs: SearchedRows;
  searchedErrorTransactions: SearchedRows;
  /** Longest error row searched (0 when none): error rows starting earlier cannot reach a lookback. */
  maxErrorDurationMs: number;
}

export interface OomLookbackQuery {
  instance: string;
  /** Every row of the instance starting in this range... */
  read: TimeRange;
  /** ...and its error rows starting in this range before `read.to` (the error rows searched for the OOM). */
  errors: TimeRange;
  /** Only rows still running at or after this time (epoch ms). */
  runningFrom: number;
}

/**
 * One instance's samples of one metric, by time, as columns: a day of 10 s samples is ~36 000 rows, and
 * the spike finder needs only their times and values, not an object per sample.
 */
export interface MetricColumns {
  instance: string;
  times: Float64Array;
  values: Float64Array;
  /** Capacity per sample (undefined where not reported), or null when no sample reported one. */
  limits: readonly (number | undefined)[] | null;
}

export interface MetricColumnsQuery extends TimeRange {
  metric: InfraMetric;
  instance?: string;
}

export interface RcaAggregates {
  /** The samples of one metric in a range (of one instance, when given), one column set per instance. */
  metricColumns(q: MetricColumnsQuery): Promise<MetricColumns[]>;
  /** Time of the first row of an instance in a range, or null. */
  firstTransactionTime(range: TimeRange, instance: string): Promise<number | null>;
  /** Per-route and per-user sums over a spike window and its baseline. */
  spikeSums(q: SpikeSumsQuery): Promise<SpikeSums>;
  /** One route and user's rows overlapping the window, by time (at most `limit`), and their count. */
  spikeCauseRows(
    q: Omit<SpikeSumsQuery, 'baseline'> & { route: string; userKey: string; limit: number },
  ): Promise<{ rows: Transaction[]; rowCount: number }>;
  /** Log records and error transactions of the range mentioning `marker` (case-sensitive substring). */
  oomCandidates(range: TimeRange, marker: string): Promise<OomCandidates>;
  /**
   * The rows an OOM's lookback considers: rows of `read`, and error rows of `errors`, still running at
   * `runningFrom`; error rows of `errors` first, then the rest, each part by time.
   */
  oomLookbackRows(q: OomLookbackQuery): Promise<Transaction[]>;
}
