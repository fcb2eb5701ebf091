/**
 * Infrastructure figures of the all-instances row: memory adds up across instances (capacity is the
 * sum of what every server uses), CPU is the mean utilisation and its max the busiest server. Derived
 * from the instance rows of the same bucket when the total row is stored; sessions are summed when the
 * 2 s bucket is finalized (see RollupEngine), so they are left alone here.
 */
import type { RowAccumulator } from './row-accumulator.js';
import type { RollupRow } from './rollup-row.js';

export function deriveTotalMetrics(total: RollupRow, instanceRows: readonly RowAccumulator[]): void {
  let cpuSum = 0;
  let cpuCount = 0;
  let cpuMax: number | null = null;
  let memAvg: number | null = null;
  let memMax: number | null = null;
  for (const r of instanceRows) {
    if (r.cpuSamples > 0) {
      cpuSum += r.cpuSum / r.cpuSamples;
      cpuCount++;
      cpuMax = Math.max(cpuMax ?? 0, r.cpuMax ?? 0);
    }
    if (r.memorySamples > 0) {
      memAvg = (memAvg ?? 0) + r.memorySum / r.memorySamples;
      memMax = (memMax ?? 0) + (r.memoryMax ?? 0);
    }
  }
  // Without the instance rows in memory the row keeps what it accumulated itself.
  if (cpuCount > 0) {
    total.cpuAvg = cpuSum / cpuCount;
    total.cpuMax = cpuMax;
  }
  if (memAvg !== null) {
    total.memoryAvg = memAvg;
    total.memoryMax = memMax;
  }
}
