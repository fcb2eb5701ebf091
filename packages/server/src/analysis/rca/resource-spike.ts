/**
 * Root cause of a CPU or memory spike (`rca.cpu_spike`): finds the spike windows in the instance's
 * metric samples, picks the biggest, and ranks routes and users by how much of the window's excess
 * requests, duration and bytes over the preceding baseline they explain. A cause is named only when one
 * route and one user each explain a clear share of the excess; otherwise the answer says so.
 */
import type { MetricSample } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import type { MetricColumns } from '../../store/rca-aggregates.js';
import type { Evidence, TimeRange } from '../evidence.js';
import { MINUTE_MS } from '../series/series.js';
import {
  rankingUserKey,
  rankSums,
  sumBy,
  type Contributor,
  type ContributorMeasure,
  type ContributorRanking,
  type GroupedSums,
} from './contributor-ranking.js';
import { spanOf } from './time-span.js';
import {
  findSpikeWindowsInColumns,
  metricColumns,
  type SpikeMetric,
  type SpikeOptions,
  type SpikeWindow,
} from './spike-window.js';

export interface ResourceSpikeInput {
  metric: SpikeMetric;
  /** Metric samples covering the range and the baseline before it (other metrics are ignored). */
  samples: readonly MetricSample[];
  /** Transactions covering the same span (all instances; filtered to the spiking one). */
  transactions: readonly Transaction[];
  /** Only spikes starting in this range are considered; default all. */
  range?: TimeRange;
  instance?: string;
}

export interface ResourceSpikeOptions extends SpikeOptions {
  /** Baseline for the transactions: the span before the spike, at most this long; default 60 min. */
  txBaselineMs?: number;
  /** A cause must explain at least this share of the excess duration or bytes; default 0.25. */
  minExcessShare?: number;
  /** ... and its window figure must be at least this many times its baseline expectation; default 3. */
  minRatio?: number;
  /** Ranked rows kept per dimension; default 10. */
  limit?: number;
  /**
   * Measures a cause may be named on: default duration and bytes for CPU (rendering and serialising
   * both burn it), duration only for memory and heap (memory is held by requests in flight; a short
   * window otherwise lets one ordinary large download outweigh the request that filled the heap).
   */
  causeMeasures?: readonly ContributorMeasure[];
}

export interface SpikeCause {
  route: Contributor;
  user: Contributor;
  /** The measure in which the cause explains the most excess. */
  measure: ContributorMeasure;
  /** That excess share (0..1) for the route and for the user. */
  routeExcessShare: number;
  userExcessShare: number;
  /** The window's transactions of that user on that route (first 50). */
  rows: Transaction[];
  rowCount: number;
}

export interface SpikeAnalysis {
  window: SpikeWindow;
  /** Transactions overlapping the window vs the ones overlapping the baseline span. */
  baselineRange: TimeRange;
  routes: ContributorRanking;
  users: ContributorRanking;
}

export type ResourceSpikeResult =
  | {
      found: true;
      metric: SpikeMetric;
      instance: string;
      cause: SpikeCause;
      spike: SpikeAnalysis;
      /** Every spike window found (the analysed one included). */
      windows: SpikeWindow[];
      thresholds: { minExcessShare: number; minRatio: number };
      evidence: Evidence[];
    }
  | {
      found: false;
      reason: string;
      metric: SpikeMetric;
      windows: SpikeWindow[];
      spike?: SpikeAnalysis;
      evidence: Evidence[];
    };

const overlaps = (tx: Transaction, r: TimeRange): boolean => tx.time < r.to && tx.time + tx.durationMs > r.from;

/** The spike windows of the samples (only those starting in `range`) and the evidence of the samples read. */
export function locateSpikes(
  input: Pick<ResourceSpikeInput, 'metric' | 'samples' | 'range' | 'instance'>,
  options: SpikeOptions = {},
): LocatedSpikes {
  const samples = input.instance ? input.samples.filter((s) => s.instance === input.instance) : input.samples;
  const { metric, range, instance } = input;
  return locateSpikesInColumns({ metric, columns: metricColumns(samples, metric), range, instance }, options);
}

export interface LocatedSpikes {
  windows: SpikeWindow[];
  biggest: SpikeWindow | undefined;
  evidence: Evidence[];
}

/** `locateSpikes` over the samples of `metric` as column sets (one per instance, each by time). */
export function locateSpikesInColumns(
  input: {
    metric: SpikeMetric;
    columns: readonly MetricColumns[];
    range?: TimeRange | undefined;
    instance?: string | undefined;
  },
  options: SpikeOptions = {},
): LocatedSpikes {
  const all = findSpikeWindowsInColumns(input.columns, input.metric, options);
  const range = input.range;
  const windows = range ? all.filter((w) => w.from >= range.from && w.from < range.to) : all;
  let rows = 0;
  const ends: number[] = [];
  for (const c of input.columns) {
    rows += c.times.length;
    // Each column set is by time: its first and last samples bound it.
    if (c.times.length > 0) ends.push(c.times[0] as number, c.times[c.times.length - 1] as number);
  }
  const evidence: Evidence[] = [
    {
      source: 'history',
      description: `${input.metric} samples${input.instance ? ` of ${input.instance}` : ''}, spike = above the trailing 60 min median by the rise threshold`,
      range: spanOf(ends),
      rows,
    },
  ];
  const biggest = [...windows].sort((a, b) => b.excessArea - a.excessArea)[0];
  return { windows, biggest, evidence };
}

/** The transactions' baseline span before a spike: at most `txBaselineMs`, not before the first row read. */
export function spikeRanges(
  biggest: SpikeWindow,
  earliestRow: number | null,
  txBaselineMs: number,
): { window: TimeRange; baseline: TimeRange } {
  const earliest = Math.min(earliestRow ?? biggest.from, biggest.from);
  return {
    window: { from: biggest.rampFrom, to: biggest.to },
    baseline: { from: Math.max(earliest, biggest.rampFrom - txBaselineMs), to: biggest.rampFrom },
  };
}

/** Per-route and per-user sums over the window and the baseline, and the row counts behind them. */
export interface SpikeSums {
  route: GroupedSums;
  user: GroupedSums;
  windowRows: number;
  baselineRows: number;
}

/** The route and user named as a spike's cause, before its rows are attached. */
export type CauseChoice = Omit<SpikeCause, 'rows' | 'rowCount'>;

/**
 * Ranks the groups and judges the biggest spike: either the final "no cause" result, or the route and
 * user to name (the caller attaches their window rows, from memory or from the store).
 */
export function judgeSpike(
  metric: SpikeMetric,
  located: { windows: SpikeWindow[]; biggest: SpikeWindow; evidence: Evidence[] },
  ranges: { window: TimeRange; baseline: TimeRange },
  sums: SpikeSums,
  options: ResourceSpikeOptions = {},
):
  | { found: false; result: ResourceSpikeResult }
  | { found: true; choice: CauseChoice; finish: (rows: Transaction[], rowCount: number) => ResourceSpikeResult } {
  const minExcessShare = options.minExcessShare ?? 0.25;
  const minRatio = options.minRatio ?? 3;
  const { windows, biggest } = located;
  const limit = options.limit ?? 10;
  const spike: SpikeAnalysis = {
    window: biggest,
    baselineRange: ranges.baseline,
    routes: rankSums(sums.route, 'route', 'durationMs', limit),
    users: rankSums(sums.user, 'user', 'durationMs', limit),
  };
  const evidence: Evidence[] = [
    ...located.evidence,
    {
      source: 'history',
      description: `transactions on ${biggest.instance} overlapping the spike window`,
      range: ranges.window,
      rows: sums.windowRows,
    },
    {
      source: 'history',
      description: `transactions on ${biggest.instance} in the baseline before the spike (rates scaled to the window)`,
      range: ranges.baseline,
      rows: sums.baselineRows,
    },
  ];
  if (sums.baselineRows === 0) {
    const reason = `${metric} spike on ${biggest.instance} but no baseline transactions before it to compare with`;
    return { found: false, result: { found: false, reason, metric, windows, spike, evidence } };
  }
  const measures = options.causeMeasures ?? (metric === 'cpu' ? ['durationMs', 'bytes'] : ['durationMs']);
  const choice = pickCause(sums, measures, minExcessShare, minRatio);
  if (!choice) {
    const reason = `${metric} spike on ${biggest.instance} but no single route and user explain ${Math.round(minExcessShare * 100)} % of its excess ${measures.join(' or ')}`;
    return { found: false, result: { found: false, reason, metric, windows, spike, evidence } };
  }
  return {
    found: true,
    choice,
    finish: (rows, rowCount) => ({
      found: true,
      metric,
      instance: biggest.instance,
      cause: { ...choice, rows: rows.slice(0, CAUSE_ROWS), rowCount },
      spike,
      windows,
      thresholds: { minExcessShare, minRatio },
      evidence,
    }),
  };
}

/** Window rows kept with a named cause. */
export const CAUSE_ROWS = 50;

export function analyzeResourceSpike(
  input: ResourceSpikeInput,
  options: ResourceSpikeOptions = {},
): ResourceSpikeResult {
  const txBaselineMs = options.txBaselineMs ?? 60 * MINUTE_MS;
  const located = locateSpikes(input, options);
  const { windows, biggest } = located;
  if (!biggest) {
    const reason = `no ${input.metric} spike in the samples`;
    return { found: false, reason, metric: input.metric, windows, evidence: located.evidence };
  }
  const onInstance = input.transactions.filter((tx) => tx.instance === biggest.instance);
  const earliest = onInstance.reduce<number | null>((m, tx) => (m === null ? tx.time : Math.min(m, tx.time)), null);
  const ranges = spikeRanges(biggest, earliest, txBaselineMs);
  const inWindow = onInstance.filter((tx) => overlaps(tx, ranges.window));
  const inBaseline = onInstance.filter((tx) => overlaps(tx, ranges.baseline));
  const grouped = (dimension: 'route' | 'user'): GroupedSums => ({
    window: sumBy(dimension, inWindow, ranges.window),
    baseline: sumBy(dimension, inBaseline, ranges.baseline),
    windowMs: ranges.window.to - ranges.window.from,
    baselineMs: ranges.baseline.to - ranges.baseline.from,
  });
  const sums: SpikeSums = {
    route: grouped('route'),
    user: grouped('user'),
    windowRows: inWindow.length,
    baselineRows: inBaseline.length,
  };
  const verdict = judgeSpike(input.metric, { windows, biggest, evidence: located.evidence }, ranges, sums, options);
  if (!verdict.found) return verdict.result;
  const { route, user } = verdict.choice;
  const rows = inWindow.filter((tx) => tx.route === route.key && rankingUserKey(tx) === user.key);
  return verdict.finish(rows, rows.length);
}

function pickCause(
  sums: SpikeSums,
  measures: readonly ContributorMeasure[],
  minExcessShare: number,
  minRatio: number,
): CauseChoice | undefined {
  let best: CauseChoice | undefined;
  for (const measure of measures) {
    const route = rankSums(sums.route, 'route', measure, 1).rows[0];
    const user = rankSums(sums.user, 'user', measure, 1).rows[0];
    if (!route || !user) continue;
    const rs = route.measures[measure];
    const us = user.measures[measure];
    const clear = (f: typeof rs): boolean =>
      (f.excessShare ?? 0) >= minExcessShare && f.window >= minRatio * Math.max(f.expected, Number.EPSILON);
    if (!clear(rs) || !clear(us)) continue;
    const score = Math.min(rs.excessShare ?? 0, us.excessShare ?? 0);
    if (best && score <= Math.min(best.routeExcessShare, best.userExcessShare)) continue;
    best = {
      route,
      user,
      measure,
      routeExcessShare: rs.excessShare ?? 0,
      userExcessShare: us.excessShare ?? 0,
    };
  }
  return best;
}
