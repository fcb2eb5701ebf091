/**
 * The CCU gauge of one closed hour, recomputed from its 2 s sketches: the same sliding union the live
 * ticker samples (buckets k − W/2 + 1 … k for each 2 s bucket k, kept incrementally by `WindowUnion`),
 * aggregated into the max/min/avg of every 2 s, 1 min, 5 min and 1 h row of the hour. Used when late
 * or imported data lands in a period whose gauge the live ticker never sampled (or sampled without it).
 */
import type { HyperLogLog } from '@promptops/sketch';
import type { UserKeyMode } from '../model/transaction.js';
import type { RowAccumulator } from './row-accumulator.js';
import { LEVEL_MS, ROLLUP_LEVELS } from './rollup-row.js';
import type { RollupLevel } from './rollup-row.js';
import { BUCKET_MS, alignDown } from './series-state.js';
import { WindowUnion } from './window-union.js';

/** Running statistics of 2 s gauge samples. */
export interface GaugeStats {
  max: number;
  min: number;
  sum: number;
  samples: number;
}

/** Per level: row start → mode → gauge statistics of the samples inside the row. */
export type HourGauges = Record<RollupLevel, Map<number, Map<UserKeyMode, GaugeStats>>>;

export interface HourGaugeInput {
  /** Hour start, epoch ms (aligned to 1 h). */
  hourStart: number;
  /** Buckets in the CCU window (W / 2 s). */
  windowBuckets: number;
  modes: readonly UserKeyMode[];
  /** The 2 s sketch of a bucket (index = epoch ms / 2000) for a mode, or null when it saw no key. */
  sketchAt(bucket: number, mode: UserKeyMode): HyperLogLog | null;
  /** True when the bucket has a row (any data): the live ticker samples a gauge of 0 into it too. */
  hasRow(bucket: number): boolean;
}

/** Gauges of every 2 s bucket of the hour, folded into the hour's rows at each level. */
export function hourGauges(input: HourGaugeInput): HourGauges {
  const out = {} as HourGauges;
  for (const level of ROLLUP_LEVELS) out[level] = new Map();
  const first = input.hourStart / BUCKET_MS;
  const end = first + LEVEL_MS['1h'] / BUCKET_MS;
  for (const mode of input.modes) {
    const window = new WindowUnion(input.windowBuckets);
    for (let k = first - input.windowBuckets + 1; k < end; k++) {
      window.push(input.sketchAt(k, mode));
      if (k < first) continue;
      const union = window.query();
      const gauge = union === null ? 0 : Math.round(union.count());
      if (gauge === 0 && !input.hasRow(k)) continue;
      for (const level of ROLLUP_LEVELS) addSample(out[level], alignDown(k * BUCKET_MS, LEVEL_MS[level]), mode, gauge);
    }
  }
  return out;
}

/**
 * Writes recomputed statistics into a row. Exact (`lowerBound` false): they replace the row's gauge.
 * Lower bound: the row's old gauge came from live samples whose 2 s sketches are no longer stored,
 * so neither figure is complete; each of max, min and avg becomes the larger of the two, which is
 * still a lower bound of the true value.
 */
export function applyGaugeStats(
  row: RowAccumulator,
  mode: UserKeyMode,
  stats: GaugeStats | undefined,
  lowerBound: boolean,
): void {
  const u = row.users.get(mode);
  if (u === undefined) return;
  const next = stats ?? { max: 0, min: 0, sum: 0, samples: 0 };
  if (!lowerBound || u.samples === 0) {
    row.setGauge(mode, next);
    return;
  }
  if (next.samples === 0) return;
  const samples = Math.max(u.samples, next.samples);
  const avg = Math.max(u.ccuSum / u.samples, next.sum / next.samples);
  row.setGauge(mode, {
    max: Math.max(u.ccuMax, next.max),
    min: Math.max(u.ccuMin, next.min),
    sum: avg * samples,
    samples,
  });
}

function addSample(
  rows: Map<number, Map<UserKeyMode, GaugeStats>>,
  start: number,
  mode: UserKeyMode,
  gauge: number,
): void {
  let byMode = rows.get(start);
  if (byMode === undefined) rows.set(start, (byMode = new Map()));
  const s = byMode.get(mode);
  if (s === undefined) byMode.set(mode, { max: gauge, min: gauge, sum: gauge, samples: 1 });
  else {
    s.max = Math.max(s.max, gauge);
    s.min = Math.min(s.min, gauge);
    s.sum += gauge;
    s.samples++;
  }
}
