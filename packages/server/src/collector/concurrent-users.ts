/**
 * `concurrentUsers`: CCU now from the engine's incremental windows, or at a past instant from the
 * gauge sampled into the 2 s row of the bucket that ends there (within 2 s retention: a missing row
 * means nobody was active), falling back to the average gauge of the finest coarser level that still
 * covers the instant.
 */
import type { CollectorConfig } from '../config/collector-config.js';
import type { UserKeyMode } from '../model/transaction.js';
import { estimateWithBand } from '../rollup/hll-estimate.js';
import type { Estimate } from '../rollup/hll-estimate.js';
import type { RollupEngine } from '../rollup/rollup-engine.js';
import { LEVEL_MS, ROLLUP_LEVELS, TOTAL_INSTANCE } from '../rollup/rollup-row.js';
import type { RollupLevel, RollupRow } from '../rollup/rollup-row.js';
import { BUCKET_MS, alignDown } from '../rollup/series-state.js';
import type { Store } from '../store/store.js';
import type { ConcurrentUsersQuery, ConcurrentUsersResult } from './collector-types.js';

export async function concurrentUsersAt(
  engine: RollupEngine,
  store: Store,
  config: CollectorConfig,
  q: ConcurrentUsersQuery & { mode: UserKeyMode },
  now: number,
): Promise<ConcurrentUsersResult> {
  const nowBoundary = alignDown(now, BUCKET_MS);
  const at = q.at === undefined ? nowBoundary : alignDown(Math.min(q.at, now), BUCKET_MS);
  const base = { at: new Date(at).toISOString(), windowSeconds: config.windowSeconds, mode: q.mode };
  // Buckets after the finalized mark have no gauge yet: the live window answers for them.
  if (at > (engine.finalizedThrough + 1) * BUCKET_MS) {
    const names = q.instance === undefined ? engine.instances() : [q.instance];
    const instances = names.map((instance) => ({ instance, ...engine.ccuNow(instance, q.mode) }));
    const total = q.instance === undefined ? engine.ccuNow(TOTAL_INSTANCE, q.mode) : instances[0];
    return { ...base, ...total, instances };
  }
  const { level, rows } = await gaugeRowsAt(engine, store, config, at);
  const pick = (row: RollupRow): Estimate => {
    const u = row.users[q.mode];
    const v = u === undefined ? 0 : level === '2s' ? u.ccuMax : u.ccuAvg;
    return estimateWithBand(v, engine.relativeError);
  };
  const zero = estimateWithBand(0, engine.relativeError);
  const byInstance = new Map(rows.map((r) => [r.instance, r]));
  const instanceNames =
    q.instance !== undefined ? [q.instance] : [...byInstance.keys()].filter((i) => i !== TOTAL_INSTANCE).sort();
  const instances = instanceNames.map((instance) => {
    const row = byInstance.get(instance);
    return { instance, ...(row === undefined ? zero : pick(row)) };
  });
  const totalRow = byInstance.get(q.instance ?? TOTAL_INSTANCE);
  return { ...base, ...(totalRow === undefined ? zero : pick(totalRow)), instances };
}

/** Rows holding the gauge for instant `at` (the bucket ending at `at`), finest retained level first. */
async function gaugeRowsAt(
  engine: RollupEngine,
  store: Store,
  config: CollectorConfig,
  at: number,
): Promise<{ level: RollupLevel; rows: RollupRow[] }> {
  const now = (engine.finalizedThrough + 1) * BUCKET_MS;
  for (const level of ROLLUP_LEVELS) {
    if (level !== '1h' && at < now - config.retention[level]) continue;
    const start = level === '2s' ? at - BUCKET_MS : alignDown(at - 1, LEVEL_MS[level]);
    const stored = await store.queryRollups({ level, from: start, to: start + 1, withSketches: false });
    const memory = new Map<string, RollupRow>();
    for (const instance of [...engine.instances(), TOTAL_INSTANCE])
      for (const acc of engine.memoryRows(level, instance, start, start + 1))
        memory.set(acc.instance, engine.snapshotRow(acc));
    const rows = stored.filter((r) => !memory.has(r.instance)).concat([...memory.values()]);
    if (rows.length > 0 || level === '2s') return { level, rows };
  }
  return { level: '1h', rows: [] };
}
