/**
 * A rollup row being built in memory: sketches as live HyperLogLogs, gauges as running min/max/sum,
 * metrics as running sums. Transactions and metric samples are added to the 2 s row of their bucket;
 * finalized 2 s rows fold into their 1 min, 5 min and 1 h parents. Also rebuilt from a stored row when
 * late data must update a bucket no longer in memory.
 */
import { HyperLogLog } from '@promptops/sketch';
import type { MetricSample } from '../model/telemetry.js';
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import { userKeyOf } from '../model/transaction.js';
import { LATENCY_BUCKETS, latencyBucketIndex } from './latency-histogram.js';
import type { RollupLevel, RollupRow, UserStats } from './rollup-row.js';

/** Distinct-user state of one mode in one row. */
export interface UserAccumulator {
  /** Null until the first key: most 2 s rows of a quiet instance never allocate a sketch. */
  sketch: HyperLogLog | null;
  ccuMax: number;
  ccuMin: number;
  ccuSum: number;
  samples: number;
}

export class RowAccumulator {
  readonly users = new Map<UserKeyMode, UserAccumulator>();
  transactions = 0;
  errors = 0;
  readonly latency = new Array<number>(LATENCY_BUCKETS).fill(0);
  durationSumMs = 0;
  bytes = 0;
  sessions: number | null = null;
  cpuSum = 0;
  cpuSamples = 0;
  cpuMax: number | null = null;
  memorySum = 0;
  memorySamples = 0;
  memoryMax: number | null = null;

  constructor(
    readonly level: RollupLevel,
    readonly instance: string,
    readonly start: number,
    readonly modes: readonly UserKeyMode[],
    private readonly precision: number,
  ) {
    for (const mode of modes) this.users.set(mode, { sketch: null, ccuMax: 0, ccuMin: 0, ccuSum: 0, samples: 0 });
  }

  /** The mode's sketch, allocated on first use. */
  sketchFor(mode: UserKeyMode): HyperLogLog {
    const u = this.users.get(mode)!;
    if (u.sketch === null) u.sketch = new HyperLogLog({ precision: this.precision });
    return u.sketch;
  }

  addTransaction(tx: Transaction): void {
    this.transactions++;
    if (tx.error) this.errors++;
    this.latency[latencyBucketIndex(tx.durationMs)]++;
    this.durationSumMs += tx.durationMs;
    this.bytes += tx.bytes;
    for (const mode of this.modes) {
      const key = userKeyOf(tx, mode);
      if (key !== undefined) this.sketchFor(mode).add(key);
    }
  }

  addMetric(sample: MetricSample): void {
    switch (sample.metric) {
      case 'cpu':
        this.cpuSum += sample.value;
        this.cpuSamples++;
        this.cpuMax = this.cpuMax === null ? sample.value : Math.max(this.cpuMax, sample.value);
        return;
      case 'memory':
      case 'heap':
        // Heap is the JVM's share of memory; memory (RSS / container) wins when both are reported.
        if (sample.metric === 'heap' && this.memorySamples > 0 && this.memoryMax !== null) return;
        this.memorySum += sample.value;
        this.memorySamples++;
        this.memoryMax = this.memoryMax === null ? sample.value : Math.max(this.memoryMax, sample.value);
        return;
      case 'sessions':
        this.observeSessions(sample.value);
        return;
    }
  }

  observeSessions(active: number): void {
    this.sessions = this.sessions === null ? active : Math.max(this.sessions, active);
  }

  /** One 2 s sample of the CCU gauge. */
  addGauge(mode: UserKeyMode, value: number): void {
    const u = this.users.get(mode);
    if (u === undefined) return;
    u.ccuMax = u.samples === 0 ? value : Math.max(u.ccuMax, value);
    u.ccuMin = u.samples === 0 ? value : Math.min(u.ccuMin, value);
    u.ccuSum += value;
    u.samples++;
  }

  /** Replaces the mode's gauge statistics (gauges recomputed for a closed period). */
  setGauge(mode: UserKeyMode, g: { max: number; min: number; sum: number; samples: number }): void {
    const u = this.users.get(mode);
    if (u === undefined) return;
    u.ccuMax = g.max;
    u.ccuMin = g.min;
    u.ccuSum = g.sum;
    u.samples = g.samples;
  }

  /** Folds a finished child row (finer level, same instance) into this one. */
  mergeChild(child: RowAccumulator): void {
    this.transactions += child.transactions;
    this.errors += child.errors;
    for (let i = 0; i < LATENCY_BUCKETS; i++) this.latency[i] += child.latency[i];
    this.durationSumMs += child.durationSumMs;
    this.bytes += child.bytes;
    if (child.sessions !== null) this.observeSessions(child.sessions);
    this.cpuSum += child.cpuSum;
    this.cpuSamples += child.cpuSamples;
    if (child.cpuMax !== null) this.cpuMax = this.cpuMax === null ? child.cpuMax : Math.max(this.cpuMax, child.cpuMax);
    this.memorySum += child.memorySum;
    this.memorySamples += child.memorySamples;
    if (child.memoryMax !== null)
      this.memoryMax = this.memoryMax === null ? child.memoryMax : Math.max(this.memoryMax, child.memoryMax);
    for (const [mode, c] of child.users) {
      const u = this.users.get(mode);
      if (u === undefined) continue;
      if (c.sketch !== null) this.sketchFor(mode).merge(c.sketch);
      if (c.samples > 0) {
        u.ccuMax = u.samples === 0 ? c.ccuMax : Math.max(u.ccuMax, c.ccuMax);
        u.ccuMin = u.samples === 0 ? c.ccuMin : Math.min(u.ccuMin, c.ccuMin);
        u.ccuSum += c.ccuSum;
        u.samples += c.samples;
      }
    }
  }

  /** True when the row carries nothing worth storing. */
  isEmpty(): boolean {
    if (this.transactions > 0 || this.sessions !== null || this.cpuSamples > 0 || this.memorySamples > 0) return false;
    for (const u of this.users.values()) if (u.sketch !== null || u.ccuMax > 0) return false;
    return true;
  }

  toRow(): RollupRow {
    const users: Partial<Record<UserKeyMode, UserStats>> = {};
    for (const [mode, u] of this.users) {
      users[mode] = {
        sketch: u.sketch === null ? new HyperLogLog({ precision: this.precision }).toBytes() : u.sketch.toBytes(),
        ccuMax: u.ccuMax,
        ccuMin: u.ccuMin,
        ccuAvg: u.samples === 0 ? 0 : u.ccuSum / u.samples,
        samples: u.samples,
      };
    }
    return {
      level: this.level,
      instance: this.instance,
      start: this.start,
      users,
      transactions: this.transactions,
      errors: this.errors,
      latency: this.latency.slice(),
      durationSumMs: this.durationSumMs,
      bytes: this.bytes,
      sessions: this.sessions,
      cpuAvg: this.cpuSamples === 0 ? null : this.cpuSum / this.cpuSamples,
      cpuMax: this.cpuMax,
      memoryAvg: this.memorySamples === 0 ? null : this.memorySum / this.memorySamples,
      memoryMax: this.memoryMax,
      cpuSamples: this.cpuSamples,
      memorySamples: this.memorySamples,
    };
  }

  /** Rebuilds the accumulator of a stored row (late data for a bucket no longer in memory). */
  static fromRow(row: RollupRow, modes: readonly UserKeyMode[], precision: number): RowAccumulator {
    const acc = new RowAccumulator(row.level, row.instance, row.start, modes, precision);
    acc.transactions = row.transactions;
    acc.errors = row.errors;
    for (let i = 0; i < LATENCY_BUCKETS; i++) acc.latency[i] = row.latency[i] ?? 0;
    acc.durationSumMs = row.durationSumMs;
    acc.bytes = row.bytes;
    acc.sessions = row.sessions;
    acc.cpuSamples = row.cpuSamples ?? (row.cpuAvg === null ? 0 : 1);
    acc.cpuSum = (row.cpuAvg ?? 0) * acc.cpuSamples;
    acc.cpuMax = row.cpuMax;
    acc.memorySamples = row.memorySamples ?? (row.memoryAvg === null ? 0 : 1);
    acc.memorySum = (row.memoryAvg ?? 0) * acc.memorySamples;
    acc.memoryMax = row.memoryMax;
    for (const mode of modes) {
      const stats = row.users[mode];
      const u = acc.users.get(mode)!;
      if (stats === undefined) continue;
      const sketch = HyperLogLog.fromBytes(stats.sketch);
      u.sketch = sketch.count() === 0 ? null : sketch;
      u.ccuMax = stats.ccuMax;
      u.ccuMin = stats.ccuMin;
      u.ccuSum = stats.ccuAvg * stats.samples;
      u.samples = stats.samples;
    }
    return acc;
  }
}
