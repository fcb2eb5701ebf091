/**
 * Rollup rows → series points of one metric, as `GET /api/v1/series` returns them. Rows with nothing
 * to say about the metric (no CPU sample in the bucket, say) give no point rather than a zero.
 */
import { HyperLogLog } from '@promptops/sketch';
import type { UserKeyMode } from '../model/transaction.js';
import { estimateWithBand } from '../rollup/hll-estimate.js';
import type { RollupRow } from '../rollup/rollup-row.js';
import type { SeriesMetric, SeriesPoint } from './collector-types.js';

export function pointOf(
  row: RollupRow,
  metric: SeriesMetric,
  mode: UserKeyMode,
  relativeError: number,
): SeriesPoint | null {
  const t = new Date(row.start).toISOString();
  switch (metric) {
    case 'ccu': {
      const u = row.users[mode];
      if (u === undefined) return null;
      const e = estimateWithBand(u.ccuMax, relativeError);
      return { t, ...e, stats: { min: Math.round(u.ccuMin), avg: round2(u.ccuAvg) } };
    }
    case 'visitors': {
      const u = row.users[mode];
      if (u === undefined || u.sketch.length === 0) return null;
      return { t, ...estimateWithBand(HyperLogLog.fromBytes(u.sketch).count(), relativeError) };
    }
    case 'transactions':
      return { t, value: row.transactions };
    case 'errors':
      return { t, value: row.errors };
    case 'sessions':
      return row.sessions === null ? null : { t, value: row.sessions };
    case 'cpu':
      return row.cpuAvg === null ? null : { t, value: round4(row.cpuAvg), stats: { max: round4(row.cpuMax ?? 0) } };
    case 'memory':
      return row.memoryAvg === null
        ? null
        : { t, value: Math.round(row.memoryAvg), stats: { max: Math.round(row.memoryMax ?? 0) } };
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

function round4(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
