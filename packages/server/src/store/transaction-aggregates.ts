/**
 * Aggregate reads over raw transactions for the abnormal-access rules: the store groups and counts
 * (per address per minute, per user, per path) and returns only the groups over a threshold, each
 * with its first rows as evidence, so an answer over a day never pulls the day's rows into memory.
 * Patterns are regular expressions in the common subset of JavaScript and RE2 syntax.
 */
import type { Transaction } from '../model/transaction.js';
import type { RcaAggregates } from './rca-aggregates.js';
import type { TimeRange } from './store.js';

/** A regular expression handed to the store (its source and whether case is ignored). */
export interface PatternSpec {
  source: string;
  ignoreCase: boolean;
}

/** A group's first rows by time (at most `sampleRows`) and its total row count. */
export interface RowSample {
  rows: Transaction[];
  rowCount: number;
  /** Time of the group's first and last row (all rows, not only the sample). */
  first: number;
  last: number;
}

export interface LoginBurstGroup extends RowSample {
  clientIp: string;
  /** The busiest minute's failed logins and the number of minutes at or over the threshold. */
  peak: number;
  burstMinutes: number;
  /** Distinct session ids (absent counted as one) and the first distinct user agents by time. */
  sessions: number;
  userAgents: string[];
}

export interface UserIpGroup extends RowSample {
  userId: string;
  /** Addresses in order of first use; `rows` holds the first row of each address. */
  addresses: string[];
}

export interface IpUrlGroup extends RowSample {
  clientIp: string;
  /** Distinct values (URLs or user agents) in order of first sighting. */
  values: string[];
}

export interface UnknownPathGroup extends RowSample {
  clientIp: string;
  /** Distinct unknown paths in order of first sighting (all of them). */
  paths: string[];
}

export interface RateOutlierGroup extends RowSample {
  userId: string;
  peak: number;
  /** Start of the busiest minute (earliest on ties); `rows` are that minute's rows. */
  minute: number;
  baselinePeak: number;
  threshold: number;
}

/** The security rules' reads and, through `RcaAggregates`, the root-cause analyses'. */
export interface TransactionAggregates extends RcaAggregates {
  /** Rows in a range and the time of the first and last. */
  countTransactions(range: TimeRange): Promise<{ rows: number; first: number | null; last: number | null }>;
  /** Failed logins (401/403 whose route, or URL when no route, matches) per address per minute ≥ perMinute. */
  loginBursts(range: TimeRange, loginRoute: PatternSpec, perMinute: number): Promise<LoginBurstGroup[]>;
  /** Users seen from at least `minIps` distinct client addresses. */
  usersWithManyIps(range: TimeRange, minIps: number): Promise<UserIpGroup[]>;
  /** Distinct URLs matching the pattern. */
  distinctUrlsMatching(range: TimeRange, pattern: PatternSpec): Promise<string[]>;
  /** Rows whose URL is one of `urls`, grouped per client address. */
  groupByIpForUrls(range: TimeRange, urls: readonly string[]): Promise<IpUrlGroup[]>;
  /** Rows whose user agent matches, grouped per client address (values = user agents). */
  groupByIpForUserAgents(range: TimeRange, pattern: PatternSpec): Promise<IpUrlGroup[]>;
  /**
   * Addresses with at least `minPaths` distinct 4xx paths outside the normal set: paths that answered
   * 1–399 to at least `minClients` addresses over `normalFrom`.
   */
  unknownPathScans(
    range: TimeRange,
    normalFrom: TimeRange,
    minClients: number,
    minPaths: number,
  ): Promise<UnknownPathGroup[]>;
  /** Every row of the given sessions in the range, by time (one scan for all of them). */
  rowsOfSessions(range: TimeRange, sessionIds: readonly string[]): Promise<Transaction[]>;
  /** Users whose busiest minute in `range` reaches max(floor, factor × busiest minute in `baseline`). */
  requestRateOutliers(
    range: TimeRange,
    baseline: TimeRange,
    factor: number,
    floor: number,
  ): Promise<RateOutlierGroup[]>;
}
