/**
 * Root cause of a CPU or memory spike (`rca.cpu_spike`): finds the spike windows in the instance's
 * metric samples, picks the biggest, and ranks routes and users by how much of the window's excess
 * requests, duration and bytes over the preceding baseline they explain. A cause is named only when one
 * route and one user each explain a clear share of the excess; otherwise the answer says so.
 */
import type { MetricSample } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import type { Evidence, TimeRange } from '../evidence.js';
import { MINUTE_MS } from '../series/series.js';
import {
  rankContributors,
  rankingUserKey,
  type Contributor,
  type ContributorMeasure,
  type ContributorRanking,
  type RankingInput,
} from './contributor-ranking.js';
import { spanOf } from './time-span.js';
import { findSpikeWindows, type SpikeMetric, type SpikeOptions, type SpikeWindow } from './spike-window.js';

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

export function analyzeResourceSpike(
  input: ResourceSpikeInput,
  options: ResourceSpikeOptions = {},
): ResourceSpikeResult {
  const minExcessShare = options.minExcessShare ?? 0.25;
  const minRatio = options.minRatio ?? 3;
  const txBaselineMs = options.txBaselineMs ?? 60 * MINUTE_MS;
  const samples = input.instance ? input.samples.filter((s) => s.instance === input.instance) : input.samples;
  const metricRows = samples.filter((s) => s.metric === input.metric);
  const all = findSpikeWindows(samples, input.metric, options);
  const windows = input.range
    ? all.filter((w) => w.from >= (input.range as TimeRange).from && w.from < (input.range as TimeRange).to)
    : all;
  const evidence: Evidence[] = [
    {
      source: 'history',
      description: `${input.metric} samples${input.instance ? ` of ${input.instance}` : ''}, spike = above the trailing 60 min median by the rise threshold`,
      range: spanOf(metricRows.map((s) => s.time)),
      rows: metricRows.length,
    },
  ];
  const biggest = [...windows].sort((a, b) => b.excessArea - a.excessArea)[0];
  if (!biggest) {
    return { found: false, reason: `no ${input.metric} spike in the samples`, metric: input.metric, windows, evidence };
  }
  const onInstance = input.transactions.filter((tx) => tx.instance === biggest.instance);
  const earliest = onInstance.reduce((m, tx) => Math.min(m, tx.time), biggest.from);
  const baselineRange = { from: Math.max(earliest, biggest.rampFrom - txBaselineMs), to: biggest.rampFrom };
  const windowRange = { from: biggest.rampFrom, to: biggest.to };
  const inWindow = onInstance.filter((tx) => overlaps(tx, windowRange));
  const inBaseline = onInstance.filter((tx) => overlaps(tx, baselineRange));
  const rankingInput = {
    window: inWindow,
    baseline: inBaseline,
    windowMs: windowRange.to - windowRange.from,
    baselineMs: baselineRange.to - baselineRange.from,
    clip: { window: windowRange, baseline: baselineRange },
  };
  const limit = options.limit ?? 10;
  const spike: SpikeAnalysis = {
    window: biggest,
    baselineRange,
    routes: rankContributors(rankingInput, 'route', 'durationMs', limit),
    users: rankContributors(rankingInput, 'user', 'durationMs', limit),
  };
  evidence.push(
    {
      source: 'history',
      description: `transactions on ${biggest.instance} overlapping the spike window`,
      range: windowRange,
      rows: inWindow.length,
    },
    {
      source: 'history',
      description: `transactions on ${biggest.instance} in the baseline before the spike (rates scaled to the window)`,
      range: baselineRange,
      rows: inBaseline.length,
    },
  );
  if (inBaseline.length === 0) {
    return {
      found: false,
      reason: `${input.metric} spike on ${biggest.instance} but no baseline transactions before it to compare with`,
      metric: input.metric,
      windows,
      spike,
      evidence,
    };
  }
  const measures = options.causeMeasures ?? (input.metric === 'cpu' ? ['durationMs', 'bytes'] : ['durationMs']);
  const cause = pickCause(rankingInput, measures, minExcessShare, minRatio);
  if (!cause) {
    return {
      found: false,
      reason: `${input.metric} spike on ${biggest.instance} but no single route and user explain ${Math.round(minExcessShare * 100)} % of its excess ${measures.join(' or ')}`,
      metric: input.metric,
      windows,
      spike,
      evidence,
    };
  }
  return {
    found: true,
    metric: input.metric,
    instance: biggest.instance,
    cause,
    spike,
    windows,
    thresholds: { minExcessShare, minRatio },
    evidence,
  };
}

function pickCause(
  input: RankingInput,
  measures: readonly ContributorMeasure[],
  minExcessShare: number,
  minRatio: number,
): SpikeCause | undefined {
  let best: SpikeCause | undefined;
  for (const measure of measures) {
    const route = rankContributors(input, 'route', measure, 1).rows[0];
    const user = rankContributors(input, 'user', measure, 1).rows[0];
    if (!route || !user) continue;
    const rs = route.measures[measure];
    const us = user.measures[measure];
    const clear = (f: typeof rs): boolean =>
      (f.excessShare ?? 0) >= minExcessShare && f.window >= minRatio * Math.max(f.expected, Number.EPSILON);
    if (!clear(rs) || !clear(us)) continue;
    const score = Math.min(rs.excessShare ?? 0, us.excessShare ?? 0);
    if (best && score <= Math.min(best.routeExcessShare, best.userExcessShare)) continue;
    const rows = input.window.filter((tx) => tx.route === route.key && rankingUserKey(tx) === user.key);
    best = {
      route,
      user,
      measure,
      routeExcessShare: rs.excessShare ?? 0,
      userExcessShare: us.excessShare ?? 0,
      rows: rows.slice(0, 50),
      rowCount: rows.length,
    };
  }
  return best;
}
