/**
 * The live snapshot behind `/metrics` and the demo: CCU now per mode for every instance and the
 * total, cumulative counters, latency histograms, active sessions and the ingest accept/reject tally.
 */
import type { CollectorConfig } from '../config/collector-config.js';
import type { UserKeyMode } from '../model/transaction.js';
import type { Estimate } from '../rollup/hll-estimate.js';
import type { RollupEngine } from '../rollup/rollup-engine.js';
import { LATENCY_BOUNDS_MS, TOTAL_INSTANCE } from '../rollup/rollup-row.js';
import type { SeriesState } from '../rollup/series-state.js';
import type { LiveInstanceSnapshot, LiveSnapshot } from './collector-types.js';
import type { IngestGuard } from './ingest-guard.js';

export function liveSnapshotOf(
  engine: RollupEngine,
  guard: IngestGuard,
  config: CollectorConfig,
  now: number,
): LiveSnapshot {
  const one = (instance: string, s: SeriesState): LiveInstanceSnapshot => {
    const ccu: Partial<Record<UserKeyMode, Estimate>> = {};
    for (const mode of config.modes) ccu[mode] = engine.ccuNow(instance, mode);
    const c = s.counters;
    return {
      instance,
      ccu,
      activeSessions: c.activeSessions,
      transactions: c.transactions,
      errors: c.errors,
      latency: {
        boundsMs: LATENCY_BOUNDS_MS,
        counts: c.latency.slice(),
        sumMs: c.durationSumMs,
        count: c.transactions,
      },
    };
  };
  const instances: LiveInstanceSnapshot[] = [];
  for (const name of engine.instances()) instances.push(one(name, engine.seriesOf(name)!));
  const total = one(TOTAL_INSTANCE, engine.totalSeries());
  // The total's sessions: each instance's latest figure summed (counters of the total keep none).
  const known = instances.filter((i) => i.activeSessions !== null);
  total.activeSessions = known.length === 0 ? null : known.reduce((sum, i) => sum + (i.activeSessions ?? 0), 0);
  return {
    at: now,
    windowSeconds: config.windowSeconds,
    modes: [...config.modes],
    total,
    instances,
    ingest: {
      accepted: guard.accepted,
      rejected: guard.rejected,
      rejections: [...guard.reasons].map(([reason, count]) => ({ reason, count })),
    },
  };
}
