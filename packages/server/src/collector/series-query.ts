/**
 * `series`: one metric over [from, to) at one rollup level for one instance or the total. Stored rows
 * are overlaid with the engine's in-memory rows (newer: the open hour, the last seconds), so a series
 * is current without waiting for a flush. Ranges beyond 10,000 points are refused (`range_too_large`).
 */
import { PromptOpsError } from '../errors/promptops-error.js';
import type { UserKeyMode } from '../model/transaction.js';
import type { RollupEngine } from '../rollup/rollup-engine.js';
import { LEVEL_MS, ROLLUP_LEVELS, TOTAL_INSTANCE } from '../rollup/rollup-row.js';
import type { RollupRow } from '../rollup/rollup-row.js';
import type { Store } from '../store/store.js';
import type { SeriesPoint, SeriesQuery, SeriesResult } from './collector-types.js';
import { pointOf } from './series-points.js';

export const MAX_SERIES_POINTS = 10_000;

export async function seriesOf(
  engine: RollupEngine,
  store: Store,
  q: SeriesQuery & { mode: UserKeyMode },
): Promise<SeriesResult> {
  if (!ROLLUP_LEVELS.includes(q.step))
    throw new PromptOpsError('invalid_parameter', `step must be one of ${ROLLUP_LEVELS.join(', ')}`);
  if (!Number.isFinite(q.from) || !Number.isFinite(q.to) || q.from >= q.to)
    throw new PromptOpsError('invalid_parameter', 'from must be before to');
  const step = LEVEL_MS[q.step];
  const from = Math.floor(q.from / step) * step;
  if ((q.to - from) / step > MAX_SERIES_POINTS)
    throw new PromptOpsError(
      'range_too_large',
      `${q.step} steps over this range exceed ${MAX_SERIES_POINTS} points; use a coarser step`,
    );
  const instance = q.instance ?? TOTAL_INSTANCE;
  const withSketches = q.metric === 'visitors';
  const byStart = new Map<number, RollupRow>();
  for (const row of await store.queryRollups({ level: q.step, instance, from, to: q.to, withSketches }))
    byStart.set(row.start, row);
  for (const acc of engine.memoryRows(q.step, instance, from, q.to)) byStart.set(acc.start, engine.snapshotRow(acc));
  // 2 s buckets still inside the late-data grace have no gauge yet: no ccu point rather than a false 0.
  const lastGauged = (engine.finalizedThrough + 1) * LEVEL_MS['2s'];
  const points: SeriesPoint[] = [];
  for (const start of [...byStart.keys()].sort((a, b) => a - b)) {
    if (q.metric === 'ccu' && q.step === '2s' && start >= lastGauged) continue;
    const p = pointOf(byStart.get(start)!, q.metric, q.mode, engine.relativeError);
    if (p !== null) points.push(p);
  }
  return {
    metric: q.metric,
    step: q.step,
    ...(q.instance === undefined ? {} : { instance: q.instance }),
    ...(q.metric === 'ccu' || q.metric === 'visitors' ? { mode: q.mode } : {}),
    points,
  };
}
