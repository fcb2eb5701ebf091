/**
 * The root-cause analyses run against the store's aggregates (`Store.aggregates`): the same spike
 * windows, rankings, thresholds and OOM reports as `analyzeResourceSpike` and `analyzeOom`, but the
 * store sums the spiking instance's rows per route and per user and finds the OOM records, so only the
 * ranked groups, the cause's first rows and each OOM's lookback rows come into memory. The array
 * versions stay the reference the tests compare these with.
 */
import type { Transaction } from '../../model/transaction.js';
import type { GroupSums } from '../../store/rca-aggregates.js';
import type { Store, TimeRange } from '../../store/store.js';
import type { TransactionAggregates } from '../../store/transaction-aggregates.js';
import { HOUR_MS, MINUTE_MS } from '../series/series.js';
import type { GroupedSums, Sums } from './contributor-ranking.js';
import {
  findOomEvents,
  NO_OOM_REASON,
  OOM_MARKER,
  oomReport,
  oomSearchEvidence,
  type OomOptions,
  type OomResult,
} from './oom-analysis.js';
import {
  CAUSE_ROWS,
  judgeSpike,
  locateSpikesInColumns,
  spikeRanges,
  type ResourceSpikeOptions,
  type ResourceSpikeResult,
} from './resource-spike.js';
import type { SpikeMetric } from './spike-window.js';

/** Transactions started up to this long before a window can still be running inside it. */
const RUNNING_BEFORE_MS = 5 * MINUTE_MS;

function grouped(groups: readonly GroupSums[], windowMs: number, baselineMs: number): GroupedSums {
  const window = new Map<string, Sums>();
  const baseline = new Map<string, Sums>();
  for (const g of groups) {
    // The array sums know a group on a side only when it has rows there.
    if (g.window.requests > 0) window.set(g.key, { ...g.window });
    if (g.baseline.requests > 0) baseline.set(g.key, { ...g.baseline });
  }
  return { window, baseline, windowMs, baselineMs };
}

/**
 * `rca.cpu_spike`: the metric's samples from `baselineFrom` to the range's end read as columns, then the
 * biggest spike's contributors summed in the store.
 */
export async function resourceSpikeInStore(
  agg: TransactionAggregates,
  q: { metric: SpikeMetric; range: TimeRange; instance?: string; baselineFrom: number },
  options: ResourceSpikeOptions = {},
): Promise<ResourceSpikeResult> {
  const txBaselineMs = options.txBaselineMs ?? HOUR_MS;
  const columns = await agg.metricColumns({
    from: q.baselineFrom,
    to: q.range.to,
    metric: q.metric,
    ...(q.instance === undefined ? {} : { instance: q.instance }),
  });
  const located = locateSpikesInColumns({ metric: q.metric, columns, range: q.range, instance: q.instance }, options);
  const { windows, biggest } = located;
  if (!biggest) {
    const reason = `no ${q.metric} spike in the samples`;
    return { found: false, reason, metric: q.metric, windows, evidence: located.evidence };
  }
  // The rows the array path reads: the instance's, from the baseline's earliest start to the window's end.
  const read = { from: biggest.rampFrom - txBaselineMs - RUNNING_BEFORE_MS, to: biggest.to };
  const ranges = spikeRanges(biggest, await agg.firstTransactionTime(read, biggest.instance), txBaselineMs);
  const sums = await agg.spikeSums({ instance: biggest.instance, read, ...ranges });
  const windowMs = ranges.window.to - ranges.window.from;
  const baselineMs = ranges.baseline.to - ranges.baseline.from;
  const verdict = judgeSpike(
    q.metric,
    { windows, biggest, evidence: located.evidence },
    ranges,
    {
      route: grouped(sums.route, windowMs, baselineMs),
      user: grouped(sums.user, windowMs, baselineMs),
      windowRows: sums.windowRows,
      baselineRows: sums.baselineRows,
    },
    options,
  );
  if (!verdict.found) return verdict.result;
  const { rows, rowCount } = await agg.spikeCauseRows({
    instance: biggest.instance,
    read,
    window: ranges.window,
    route: verdict.choice.route.key,
    userKey: verdict.choice.user.key,
    limit: CAUSE_ROWS,
  });
  return verdict.finish(rows, rowCount);
}

/** `rca.oom`: the store finds the OOM records; each one's lookback rows and session events are read. */
export async function oomInStore(
  store: Store,
  agg: TransactionAggregates,
  range: TimeRange,
  options: OomOptions = {},
): Promise<OomResult> {
  const lookbackMs = options.lookbackMs ?? 5 * MINUTE_MS;
  const found = await agg.oomCandidates(range, OOM_MARKER);
  const events = findOomEvents(found);
  if (events.length === 0) {
    const { searchedLogs: l, searchedErrorTransactions: t } = found;
    const firsts = [l.first, t.first].filter((v): v is number => v !== null);
    const lasts = [l.last, t.last].filter((v): v is number => v !== null);
    const span = firsts.length > 0 ? { from: Math.min(...firsts), to: Math.max(...lasts) + 1 } : { from: 0, to: 0 };
    return { found: false, reason: NO_OOM_REASON, evidence: [oomSearchEvidence(span, l.rows + t.rows)] };
  }
  const ooms = [];
  for (const e of events) {
    const runningFrom = e.at - lookbackMs;
    // Error rows that started before this cannot still be running at the lookback's start.
    const errorsFrom = Math.max(range.from, Math.floor(runningFrom - found.maxErrorDurationMs));
    const rows = await agg.oomLookbackRows({
      instance: e.instance,
      read: { from: runningFrom - RUNNING_BEFORE_MS, to: e.at + 1 },
      errors: { from: errorsFrom, to: range.to },
      runningFrom,
    });
    const sessionEvents = await store.querySessionEvents({
      from: e.at - lookbackMs - HOUR_MS,
      to: e.at + 1,
      instance: e.instance,
      limit: 100_000,
    });
    // Rows with the same instance, time and span are one row, as in the array path.
    const transactions: Transaction[] = [
      ...new Map(rows.map((t) => [`${t.instance}|${t.time}|${t.spanId ?? t.url}`, t])).values(),
    ];
    ooms.push(oomReport(e, { logs: found.logs, transactions, sessionEvents }, options));
  }
  return { found: true, ooms };
}
