/**
 * Moving live state between the rollup engine and the store: loading the rows of the live horizon back
 * after a restart, and applying late records to stored rows that are no longer in memory (read, add,
 * write back in the same flush).
 */
import type { CollectorConfig } from '../config/collector-config.js';
import type { MetricSample } from '../model/telemetry.js';
import type { Transaction } from '../model/transaction.js';
import type { BackfillItem, RollupEngine } from '../rollup/rollup-engine.js';
import { RowAccumulator } from '../rollup/row-accumulator.js';
import { LEVEL_MS } from '../rollup/rollup-row.js';
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
