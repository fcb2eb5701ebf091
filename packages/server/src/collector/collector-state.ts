/**
 * Moving live state between the rollup engine and the store: loading the rows of the live horizon back
 * after a restart, applying late records to stored rows that are no longer in memory (read, add,
 * write back in the same flush), and recomputing the CCU gauges of closed hours that late or imported
 * data changed.
 */
import { HyperLogLog } from '@promptops/sketch';
import type { CollectorConfig } from '../config/collector-config.js';
import type { MetricSample } from '../model/telemetry.js';
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import type { DueGaugeHour } from '../rollup/gauge-backfill.js';
import { applyGaugeStats, hourGauges } from '../rollup/gauge-recompute.js';
import type { BackfillItem, RollupEngine } from '../rollup/rollup-engine.js';
import { RowAccumulator } from '../rollup/row-accumulator.js';
import { LEVEL_MS, ROLLUP_LEVELS } from '../rollup/rollup-row.js';
import type { RollupLevel, RollupRow } from '../rollup/rollup-row.js';
import { BUCKET_MS, PARENT_LEVELS, alignDown } from '../rollup/series-state.js';
import type { Store } from '../store/store.js';

/** Stored rows the engine keeps in memory at finalized bucket `finalized`: 2 s window and open parents. */
export async function loadLiveState(store: Store, engine: RollupEngine, finalized: number): Promise<RowAccumulator[]> {
  const out: RowAccumulator[] = [];
  const finalizedMs = finalized * BUCKET_MS;
  const from2s = (finalized - engine.windowBuckets - 1) * BUCKET_MS;
  for (const row of await store.queryRollups({ level: '2s', from: from2s, to: Number.MAX_SAFE_INTEGER }))
    out.push(RowAccumulator.fromRow(row, engine.modes, engine.precision));
  for (const level of PARENT_LEVELS) {
    const from = alignDown(finalizedMs, LEVEL_MS[level]) - LEVEL_MS[level];
    for (const row of await store.queryRollups({ level, from, to: Number.MAX_SAFE_INTEGER }))
      out.push(RowAccumulator.fromRow(row, engine.modes, engine.precision));
  }
  return out;
}

/** Stable key of a rollup row. */
export function rowKey(r: { level: RollupLevel; instance: string; start: number }): string {
  return `${r.level}\u0000${r.instance}\u0000${r.start}`;
}

/**
 * Applies late records whose row is about to be written anyway (dirty, just evicted from memory) to
 * that row, so the stored copy is not read back stale; returns the records still needing the store.
 */
export function applyBackfillToDirty(items: readonly BackfillItem[], dirty: readonly RowAccumulator[]): BackfillItem[] {
  if (items.length === 0) return [];
  const byKey = new Map(dirty.map((acc) => [rowKey(acc), acc]));
  const rest: BackfillItem[] = [];
  for (const item of items) {
    const acc = byKey.get(rowKey(item));
    if (acc === undefined) rest.push(item);
    else if (item.kind === 'transaction') acc.addTransaction(item.record);
    else acc.addMetric(item.record);
  }
  return rest;
}

/**
 * Applies late records to their stored rows; returns the updated rows to write. Levels whose
 * retention has already passed for the record are skipped (the row would only be pruned again).
 */
export async function applyBackfill(
  store: Store,
  items: readonly BackfillItem[],
  config: Pick<CollectorConfig, 'modes' | 'precision' | 'retention'>,
  now: number,
): Promise<RollupRow[]> {
  if (items.length === 0) return [];
  const { modes, precision } = config;
  const groups = new Map<string, BackfillItem[]>();
  for (const item of items) {
    if (item.start + LEVEL_MS[item.level] <= now - config.retention[item.level]) continue;
    const key = rowKey(item);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [item]);
    else list.push(item);
  }
  const out: RollupRow[] = [];
  for (const list of groups.values()) {
    const { level, instance, start } = list[0];
    const stored = await store.queryRollups({ level, instance, from: start, to: start + 1 });
    const acc =
      stored.length > 0
        ? RowAccumulator.fromRow(stored[0], modes, precision)
        : new RowAccumulator(level as RollupLevel, instance, start, modes, precision);
    for (const item of list) {
      if (item.kind === 'transaction') acc.addTransaction(item.record as Transaction);
      else acc.addMetric(item.record as MetricSample);
    }
    out.push(acc.toRow());
  }
  return out;
}

/** Hours of one instance recomputed with one read per level and one write. */
const GAUGE_CHUNK_HOURS = 24;

/**
 * Recomputes and stores the CCU gauges of the closed hours whose late or imported data is complete
 * (see `GaugeBackfill`); call after each flush's batch is committed, so the rows read back include it.
 * Hours whose write fails stay pending for the next call.
 */
export async function recomputeBackfilledGauges(
  store: Store,
  engine: RollupEngine,
  config: Pick<CollectorConfig, 'retention'>,
  now: number,
): Promise<void> {
  const backfill = engine.gaugeBackfill;
  const due = backfill.takeDue((instance, start) => engine.seriesOf(instance)?.parents['1h'].has(start) ?? false);
  const byInstance = new Map<string, DueGaugeHour[]>();
  // An hour past the retention of every level has no row left to update.
  const kept = (start: number): boolean =>
    ROLLUP_LEVELS.some((level) => start + LEVEL_MS['1h'] > now - config.retention[level]);
  for (const hour of due) {
    if (!kept(hour.start)) continue;
    const list = byInstance.get(hour.instance);
    if (list === undefined) byInstance.set(hour.instance, [hour]);
    else list.push(hour);
  }
  for (const [instance, hours] of byInstance) {
    for (let i = 0; i < hours.length;) {
      // Consecutive due hours (sorted by start) spanning at most a day share their reads.
      let j = i + 1;
      while (j < hours.length && hours[j].start < hours[i].start + GAUGE_CHUNK_HOURS * LEVEL_MS['1h']) j++;
      const chunk = hours.slice(i, j);
      const stored = await readStoredRows(store, engine, instance, chunk[0].start, chunk[chunk.length - 1].start);
      const rows: RollupRow[] = [];
      for (const hour of chunk) rows.push(...recomputeHour(engine, config, now, hour, stored));
      if (rows.length > 0) await store.writeBatch({ rollups: rows });
      backfill.markDone(chunk);
      i = j;
    }
  }
  backfill.markDone(due.filter((hour) => !kept(hour.start)));
}

type StoredRows = Map<RollupLevel, Map<number, RollupRow>>;

/** Stored rows of an instance for hours `firstHour` … `lastHour`, 2 s rows from the window before. */
async function readStoredRows(
  store: Store,
  engine: RollupEngine,
  instance: string,
  firstHour: number,
  lastHour: number,
): Promise<StoredRows> {
  const stored: StoredRows = new Map();
  const to = lastHour + LEVEL_MS['1h'];
  for (const level of ROLLUP_LEVELS) {
    const from = level === '2s' ? firstHour - (engine.windowBuckets - 1) * BUCKET_MS : firstHour;
    const rows = await store.queryRollups({ level, instance, from, to });
    stored.set(level, new Map(rows.map((r) => [r.start, r])));
  }
  return stored;
}

/** The rows of one (instance, hour) with recomputed gauges; records on `hour` whether it had live ones. */
function recomputeHour(
  engine: RollupEngine,
  config: Pick<CollectorConfig, 'retention'>,
  now: number,
  hour: DueGaugeHour,
  stored: StoredRows,
): RollupRow[] {
  const { modes, precision, windowBuckets } = engine;
  const { instance, start } = hour;
  const end = start + LEVEL_MS['1h'];
  const stored2s = stored.get('2s')!;
  const hourRow = stored.get('1h')!.get(start);
  hour.hadLiveGauge ??= Object.fromEntries(modes.map((m) => [m, (hourRow?.users[m]?.samples ?? 0) > 0]));
  // A row whose buckets' windows all lie in retained 2 s rows is exact even over live data: the stored
  // sketches hold it. Earlier rows of an hour that had live gauges can only be a lower bound.
  const retainedFrom = now - config.retention['2s'] + (windowBuckets - 1) * BUCKET_MS;
  const lowerBound = (mode: UserKeyMode, rowStart: number): boolean =>
    hour.hadLiveGauge?.[mode] === true && rowStart < retainedFrom;

  const gauges = hourGauges({
    hourStart: start,
    windowBuckets,
    modes,
    hasRow: (k) => stored2s.has(k * BUCKET_MS) || engine.gaugeBackfill.sketchAt(instance, k, modes[0]) !== null,
    sketchAt: (k, mode) => {
      const staged = engine.gaugeBackfill.sketchAt(instance, k, mode);
      const bytes = stored2s.get(k * BUCKET_MS)?.users[mode]?.sketch;
      const kept = bytes === undefined || bytes.length === 0 ? null : HyperLogLog.fromBytes(bytes);
      if (kept === null || kept.count() === 0) return staged;
      return staged === null ? kept : kept.merge(staged);
    },
  });

  const out: RollupRow[] = [];
  for (const level of ROLLUP_LEVELS) {
    const levelRows = stored.get(level)!;
    const starts = new Set(gauges[level].keys());
    for (const t of levelRows.keys()) if (t >= start && t < end) starts.add(t);
    for (const t of starts) {
      // Same rule as the late-data backfill: a row already past its retention would only be pruned again.
      if (t + LEVEL_MS[level] <= now - config.retention[level]) continue;
      const old = levelRows.get(t);
      const acc =
        old === undefined
          ? new RowAccumulator(level, instance, t, modes, precision)
          : RowAccumulator.fromRow(old, modes, precision);
      for (const mode of modes) applyGaugeStats(acc, mode, gauges[level].get(t)?.get(mode), lowerBound(mode, t));
      out.push(acc.toRow());
    }
  }
  return out;
}
