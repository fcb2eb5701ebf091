/**
 * Reads from the collector's store what the root-cause, security and surge analyses take, and runs
 * them: the analyses are pure functions over arrays; this adapter chooses the ranges (baselines before
 * the analysed range, the lookback before an OOM), pages through the store's 100 000-row query cap, and
 * narrows wide reads (transactions only for the instance and span a spike or OOM needs).
 */
import type { LogRecord, MetricSample } from '../model/telemetry.js';
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import { LEVEL_MS, TOTAL_INSTANCE, type RollupLevel } from '../rollup/rollup-row.js';
import type { Store, TimeRange, TransactionQuery } from '../store/store.js';
import { analyzeOom, findOomEvents, type OomOptions, type OomResult } from './rca/oom-analysis.js';
import { analyzeResourceSpike, type ResourceSpikeOptions, type ResourceSpikeResult } from './rca/resource-spike.js';
import { oomInStore, resourceSpikeInStore } from './rca/rca-in-store.js';
import { findSpikeWindows, type SpikeMetric } from './rca/spike-window.js';
import {
  analyzeAbnormalAccess,
  type AbnormalAccessOptions,
  type AbnormalAccessResult,
} from './security/abnormal-access.js';
import { abnormalAccessInStore } from './security/abnormal-access-sql.js';
import { DAY_MS, HOUR_MS, MINUTE_MS, WEEK_MS, type SeriesPoint } from './series/series.js';
import { analyzeSurge, type SurgeBaseline, type SurgeOptions, type SurgeResult } from './surge/instance-surge.js';

/** The store caps one query at 100 000 rows; ranges are read in parts and split further until each fits. */
const STORE_ROW_CAP = 100_000;
/** Read wide ranges in parts of this span (an hour of a busy site stays under the cap). */
const PART_MS = 30 * MINUTE_MS;

export async function queryAllTransactions(store: Store, q: TransactionQuery): Promise<Transaction[]> {
  const out: Transaction[] = [];
  for (let from = q.from; from < q.to; from += PART_MS) {
    for (const tx of await queryPart(store, { ...q, from, to: Math.min(q.to, from + PART_MS) })) out.push(tx);
  }
  return out;
}

async function queryPart(store: Store, q: TransactionQuery): Promise<Transaction[]> {
  const rows = await store.queryTransactions({ ...q, limit: STORE_ROW_CAP, order: 'time' });
  if (rows.length < STORE_ROW_CAP || q.to - q.from <= 1) return rows;
  const mid = Math.floor((q.from + q.to) / 2);
  return (await queryPart(store, { ...q, to: mid })).concat(await queryPart(store, { ...q, from: mid }));
}

async function queryAllLogs(store: Store, r: TimeRange): Promise<LogRecord[]> {
  const rows = await store.queryLogs({ ...r, limit: STORE_ROW_CAP });
  if (rows.length < STORE_ROW_CAP || r.to - r.from <= 1) return rows;
  const mid = Math.floor((r.from + r.to) / 2);
  return (await queryAllLogs(store, { from: r.from, to: mid })).concat(
    await queryAllLogs(store, { from: mid, to: r.to }),
  );
}

export interface SpikeQuery {
  metric: SpikeMetric;
  /** Spikes starting in this range are analysed. */
  range: TimeRange;
  instance?: string;
}

/** `rca.cpu_spike`: metric samples of the range and the hour before, then transactions of the spike only. */
export async function resourceSpikeFromStore(
  store: Store,
  q: SpikeQuery,
  options: ResourceSpikeOptions = {},
): Promise<ResourceSpikeResult> {
  const baselineMs = Math.max(options.baselineMs ?? HOUR_MS, options.txBaselineMs ?? HOUR_MS);
  // The store reads the samples as columns and sums the spiking instance's rows per route and user when it can.
  if (store.aggregates)
    return resourceSpikeInStore(store.aggregates, { ...q, baselineFrom: q.range.from - baselineMs }, options);
  const samples: MetricSample[] = await store.queryMetrics({
    from: q.range.from - baselineMs,
    to: q.range.to,
    metric: q.metric,
    ...(q.instance === undefined ? {} : { instance: q.instance }),
  });
  const windows = findSpikeWindows(samples, q.metric, options).filter(
    (w) => w.from >= q.range.from && w.from < q.range.to,
  );
  const biggest = [...windows].sort((a, b) => b.excessArea - a.excessArea)[0];
  // Transactions started up to 5 min before the window can still be running inside it.
  const transactions = biggest
    ? await queryAllTransactions(store, {
        from: biggest.rampFrom - (options.txBaselineMs ?? HOUR_MS) - 5 * MINUTE_MS,
        to: biggest.to,
        instance: biggest.instance,
      })
    : [];
  return analyzeResourceSpike(
    { metric: q.metric, samples, transactions, range: q.range, ...(q.instance ? { instance: q.instance } : {}) },
    options,
  );
}

/** `rca.oom`: OOM records in the range, then each one's instance and lookback (and an hour of session events before). */
export async function oomFromStore(store: Store, range: TimeRange, options: OomOptions = {}): Promise<OomResult> {
  // The store finds the few OOM records when it can, instead of every log and error row coming into memory.
  if (store.aggregates) return oomInStore(store, store.aggregates, range, options);
  const lookbackMs = options.lookbackMs ?? 5 * MINUTE_MS;
  const logs = await queryAllLogs(store, range);
  const errorTxs = await queryAllTransactions(store, { ...range, errorsOnly: true });
  const events = findOomEvents({ logs, transactions: errorTxs });
  const transactions: Transaction[] = [...errorTxs];
  const sessionEvents = [];
  for (const e of events) {
    const from = e.at - lookbackMs - 5 * MINUTE_MS;
    transactions.push(...(await queryAllTransactions(store, { from, to: e.at + 1, instance: e.instance })));
    sessionEvents.push(
      ...(await store.querySessionEvents({
        from: e.at - lookbackMs - HOUR_MS,
        to: e.at + 1,
        instance: e.instance,
        limit: STORE_ROW_CAP,
      })),
    );
  }
  const unique = [...new Map(transactions.map((t) => [`${t.instance}|${t.time}|${t.spanId ?? t.url}`, t])).values()];
  return analyzeOom({ logs, transactions: unique, sessionEvents }, options);
}

/** `security.*`: transactions of the range, a baseline before it, and the store's sessions. */
export async function abnormalAccessFromStore(
  store: Store,
  range: TimeRange,
  options: AbnormalAccessOptions & { baselineMs?: number } = {},
): Promise<AbnormalAccessResult> {
  const baselineMs = options.baselineMs ?? HOUR_MS;
  // The store groups and counts when it can: a day of rows never has to come into memory.
  if (store.aggregates)
    return abnormalAccessInStore(
      store,
      store.aggregates,
      range,
      { from: range.from - baselineMs, to: range.from },
      options,
    );
  const [transactions, baseline] = await Promise.all([
    queryAllTransactions(store, range),
    queryAllTransactions(store, { from: range.from - baselineMs, to: range.from }),
  ]);
  const activeWindowMs = options.longSessions?.activeWindowMs ?? 5 * MINUTE_MS;
  const minDurationMs = options.longSessions?.minDurationMs ?? 3 * HOUR_MS;
  // Long sessions began before the range: look back far enough to see their start.
  const sessions = await store.querySessions({
    from: range.to - Math.max(minDurationMs * 2, range.to - range.from),
    to: range.to,
    activeSince: range.to - activeWindowMs,
    activeOnly: true,
    limit: STORE_ROW_CAP,
  });
  return analyzeAbnormalAccess({ range, transactions, baseline, sessions }, options);
}

export interface SurgeQuery {
  now: number;
  /** N minutes of the question, in ms. */
  windowMs: number;
  mode: UserKeyMode;
  /** Precision p of the sketches (band ±1.04/√2^p). */
  precision: number;
  /** Rollup level read; default 1 min. */
  level?: RollupLevel;
  /** Seasonal baselines; default yesterday and last week. */
  baselines?: readonly { label: string; offsetMs: number }[];
}

/** `servers.surge`: per-instance CCU peaks from the rollups now, yesterday and last week. */
export async function surgeFromStore(store: Store, q: SurgeQuery, options: SurgeOptions = {}): Promise<SurgeResult> {
  const level = q.level ?? '1m';
  const span = (options.noiseSpanMs ?? 3 * HOUR_MS) + q.windowMs + (options.smoothMs ?? 3 * MINUTE_MS);
  const band = 1.04 / Math.sqrt(2 ** q.precision);
  const read = async (offsetMs: number): Promise<Map<string, SeriesPoint[]>> => {
    const rows = await store.queryRollups({
      level,
      from: q.now - offsetMs - span,
      to: q.now - offsetMs + LEVEL_MS[level],
      withSketches: false,
    });
    const out = new Map<string, SeriesPoint[]>();
    for (const r of rows) {
      const stats = r.users[q.mode];
      if (r.instance === TOTAL_INSTANCE || !stats || stats.samples === 0) continue;
      let list = out.get(r.instance);
      if (!list) out.set(r.instance, (list = []));
      const v = stats.ccuMax;
      list.push({ t: r.start, value: v, low: v * (1 - band), high: v * (1 + band) });
    }
    return out;
  };
  const baselineSpecs = q.baselines ?? [
    { label: 'yesterday', offsetMs: DAY_MS },
    { label: 'last week', offsetMs: WEEK_MS },
  ];
  const current = await read(0);
  const baselines: SurgeBaseline[] = [];
  for (const b of baselineSpecs) baselines.push({ ...b, series: await read(b.offsetMs) });
  return analyzeSurge({ now: q.now, windowMs: q.windowMs, current, baselines }, options);
}
