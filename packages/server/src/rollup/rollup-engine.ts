/**
 * The live rollup engine: counts transactions into per-instance 2 s buckets, samples the CCU gauge of
 * every series each 2 s once the bucket's late-data grace has passed, folds finished 2 s rows into
 * their 1 min, 5 min and 1 h parents, and answers "CCU now" incrementally. It never touches storage:
 * the collector takes its dirty rows and its backfill queue (late data for buckets no longer in memory)
 * on each flush.
 *
 * Time model: bucket k covers [2000k, 2000k + 2000). At wall time `now`, "now" means the last 2 s
 * boundary t = 2000·floor(now/2000), and CCU(t) unions buckets k in [t/2000 − W/2, t/2000 − 1].
 * Bucket k is finalized (gauge sampled, folded into parents) once now ≥ 2000(k+1) + grace.
 */
import type { HyperLogLog } from '@promptops/sketch';
import type { MetricSample, SessionEvent } from '../model/telemetry.js';
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import { estimateOf, relativeErrorOf } from './hll-estimate.js';
import type { Estimate } from './hll-estimate.js';
import { GaugeBackfill } from './gauge-backfill.js';
import type { RowAccumulator } from './row-accumulator.js';
import { LEVEL_MS, TOTAL_INSTANCE } from './rollup-row.js';
import type { RollupLevel, RollupRow } from './rollup-row.js';
import { BUCKET_MS, PARENT_LEVELS, SeriesState, alignDown } from './series-state.js';
import { deriveTotalMetrics } from './total-metrics.js';

export interface RollupEngineOptions {
  modes: readonly UserKeyMode[];
  windowSeconds: number;
  lateGraceSeconds: number;
  precision: number;
}

/** A record for a bucket whose row at `level` is no longer in memory: applied to the stored row. */
export type BackfillItem =
  | { level: RollupLevel; instance: string; start: number; kind: 'transaction'; record: Transaction }
  | { level: RollupLevel; instance: string; start: number; kind: 'metric'; record: MetricSample };

export class RollupEngine {
  readonly modes: readonly UserKeyMode[];
  readonly relativeError: number;
  /** Buckets in the CCU window (W / 2 s). */
  readonly windowBuckets: number;
  /** Buckets of late-data grace before a bucket is finalized. */
  readonly graceBuckets: number;
  readonly precision: number;
  /** Keys of late data older than the window, kept until the gauges of their hours are recomputed. */
  readonly gaugeBackfill: GaugeBackfill;
  private readonly series = new Map<string, SeriesState>();
  private readonly total: SeriesState;
  /** Last finalized bucket index; -Infinity until the first `advance`. */
  private finalized = -Infinity;
  /** Newest bucket holding any data, to skip idle gaps quickly. */
  private lastDataBucket = -Infinity;
  private dirty = new Set<RowAccumulator>();
  private backfill: BackfillItem[] = [];

  constructor(options: RollupEngineOptions) {
    this.modes = options.modes;
    this.precision = options.precision;
    this.relativeError = relativeErrorOf(options.precision);
    this.windowBuckets = options.windowSeconds / 2;
    this.graceBuckets = Math.min(Math.ceil(options.lateGraceSeconds / 2), this.windowBuckets - 1);
    this.total = this.newSeries(TOTAL_INSTANCE);
    this.gaugeBackfill = new GaugeBackfill({
      modes: this.modes,
      precision: this.precision,
      windowBuckets: this.windowBuckets,
    });
  }

  get finalizedThrough(): number {
    return this.finalized;
  }

  instances(): string[] {
    return [...this.series.keys()].sort();
  }

  seriesOf(instance: string): SeriesState | undefined {
    return instance === TOTAL_INSTANCE ? this.total : this.series.get(instance);
  }

  totalSeries(): SeriesState {
    return this.total;
  }

  /** Counts transactions into their buckets; records for finalized buckets take the late path. */
  addTransactions(txs: readonly Transaction[]): void {
    for (const tx of txs) {
      const s = this.instanceSeries(tx.instance);
      s.counters.add(tx);
      this.total.counters.add(tx);
      const bucket = Math.floor(tx.time / BUCKET_MS);
      if (bucket > this.lastDataBucket) this.lastDataBucket = bucket;
      if (bucket > this.finalized) {
        const row = s.row2s(bucket);
        row.addTransaction(tx);
        this.dirty.add(row);
      } else {
        if (bucket < this.finalized - this.windowBuckets) {
          // Older than the window: no live gauge will see it; the hour's gauges are recomputed later.
          this.gaugeBackfill.stage(s.instance, bucket, tx);
          this.gaugeBackfill.stage(TOTAL_INSTANCE, bucket, tx);
        }
        this.applyLate(s, bucket, (row) => row.addTransaction(tx), { kind: 'transaction', record: tx });
      }
    }
  }

  addMetrics(samples: readonly MetricSample[]): void {
    for (const sample of samples) {
      const s = this.instanceSeries(sample.instance);
      if (sample.metric === 'sessions') s.counters.activeSessions = sample.value;
      const bucket = Math.floor(sample.time / BUCKET_MS);
      if (bucket > this.finalized) {
        const row = s.row2s(bucket);
        row.addMetric(sample);
        this.dirty.add(row);
      } else {
        // Totals of late metric samples are not re-derived for buckets already flushed (documented).
        this.applyLate(s, bucket, (row) => row.addMetric(sample), { kind: 'metric', record: sample }, false);
      }
    }
  }

  addSessionEvents(events: readonly SessionEvent[]): void {
    for (const event of events) {
      const s = this.instanceSeries(event.instance);
      s.tracksSessions = true;
      s.sessions.apply(event);
    }
  }

  /**
   * Finalizes every bucket whose grace has passed at `now`: samples gauges, folds rows into parents,
   * slides the windows. Idempotent; cheap when nothing is due.
   */
  advance(now: number): void {
    const target = Math.floor(now / BUCKET_MS) - 1 - this.graceBuckets;
    if (this.finalized === -Infinity) {
      // First tick: rows counted before it (replayed or early) are still finalized, not stranded.
      let first = target + 1;
      for (const s of this.series.values()) for (const k of s.rows2s.keys()) first = Math.min(first, k);
      this.finalized = first - 1;
    }
    for (let k = this.finalized + 1; k <= target; k++) {
      if (k > this.lastDataBucket + this.windowBuckets && !this.hasPendingRows(k)) {
        // Idle: nothing in any window and nothing pending before the target; skip the gap.
        for (const s of this.allSeries()) for (const w of s.windows.values()) w.clear();
        const next = this.nextPendingBucket(k, target);
        for (const s of this.allSeries()) s.evict(next - this.windowBuckets - 1, (next - 1) * BUCKET_MS);
        this.finalized = next - 1;
        k = next - 1;
        continue;
      }
      this.finalizeBucket(k);
      this.finalized = k;
    }
  }

  /** CCU estimate of one series and mode at the last 2 s boundary (call `advance(now)` first). */
  ccuNow(instance: string, mode: UserKeyMode): Estimate {
    const s = this.seriesOf(instance);
    const w = s?.windows.get(mode);
    if (s === undefined || w === undefined) return { value: 0, low: 0, high: 0 };
    this.syncWindows(s);
    let acc: HyperLogLog | null = w.query();
    let owned = false;
    const pendingSeries = s === this.total ? [...this.series.values()] : [s];
    for (let k = this.finalized + 1; k <= this.finalized + this.graceBuckets; k++) {
      for (const p of pendingSeries) {
        const sketch = p.rows2s.get(k)?.users.get(mode)?.sketch ?? null;
        if (sketch === null) continue;
        if (acc === null) acc = sketch;
        else {
          if (!owned) acc = acc.clone();
          owned = true;
          acc.merge(sketch);
        }
      }
    }
    return estimateOf(acc, this.relativeError);
  }

  /** Rows changed since the last call (to be stored); clears the set. */
  takeDirty(): RowAccumulator[] {
    const rows = [...this.dirty];
    this.dirty = new Set();
    return rows;
  }

  /** Puts rows and backfill back after a failed flush so the next one retries them. */
  requeue(rows: readonly RowAccumulator[], backfill: readonly BackfillItem[]): void {
    for (const row of rows) this.dirty.add(row);
    this.backfill.unshift(...backfill);
  }

  /** A storable snapshot of a row; the total's infrastructure figures are derived from instances. */
  snapshotRow(acc: RowAccumulator): RollupRow {
    const row = acc.toRow();
    if (acc.instance === TOTAL_INSTANCE) deriveTotalMetrics(row, this.instanceRowsAt(acc.level, acc.start));
    return row;
  }

  takeBackfill(): BackfillItem[] {
    const items = this.backfill;
    this.backfill = [];
    return items;
  }

  /** In-memory rows of a level (newer than what the store has until the next flush). */
  memoryRows(level: RollupLevel, instance: string, from: number, to: number): RowAccumulator[] {
    const s = this.seriesOf(instance);
    if (s === undefined) return [];
    const source = level === '2s' ? s.rows2s.values() : s.parents[level].values();
    const out: RowAccumulator[] = [];
    for (const row of source) if (row.start >= from && row.start < to) out.push(row);
    return out;
  }

  /** Restores state saved by the collector: rows of the memory horizon and the finalized mark. */
  restore(rows: readonly RowAccumulator[], finalized: number): void {
    this.finalized = finalized;
    for (const row of rows) {
      const s = row.instance === TOTAL_INSTANCE ? this.total : this.instanceSeries(row.instance);
      if (row.level === '2s') {
        const bucket = row.start / BUCKET_MS;
        s.rows2s.set(bucket, row);
        if (row.transactions > 0 && bucket > this.lastDataBucket) this.lastDataBucket = bucket;
      } else s.parents[row.level].set(row.start, row);
    }
    for (const s of this.allSeries()) {
      s.windowsStale = true;
      this.syncWindows(s);
    }
  }

  /** Re-reads a stale series' windows from its 2 s rows: buckets finalized − capacity + 1 … finalized. */
  private syncWindows(s: SeriesState): void {
    if (!s.windowsStale || !Number.isFinite(this.finalized)) return;
    s.windowsStale = false;
    const capacity = this.windowBuckets - this.graceBuckets;
    for (const [mode, w] of s.windows) {
      const items: (HyperLogLog | null)[] = [];
      for (let k = this.finalized - capacity + 1; k <= this.finalized; k++)
        items.push(s.rows2s.get(k)?.users.get(mode)?.sketch ?? null);
      w.reset(items);
    }
  }

  private finalizeBucket(k: number): void {
    const startMs = k * BUCKET_MS;
    const totalRow = this.total.row2s(k);
    let totalSessions: number | null = null;
    for (const s of this.series.values()) {
      if (s.tracksSessions) {
        const active = s.sessions.activeAt(startMs + BUCKET_MS);
        s.counters.activeSessions = active;
        if (active > 0 || s.rows2s.has(k)) s.row2s(k).observeSessions(active);
      }
      const row = s.rows2s.get(k);
      if (row !== undefined) totalRow.mergeChild(row);
      // Sessions are gauges reported now and then: the total sums each instance's latest figure.
      if (s.counters.activeSessions !== null) totalSessions = (totalSessions ?? 0) + s.counters.activeSessions;
    }
    totalRow.sessions = totalSessions;
    for (const s of this.allSeries()) {
      this.syncWindows(s);
      let row = s.rows2s.get(k);
      for (const mode of this.modes) {
        s.windows.get(mode)!.push(row?.users.get(mode)?.sketch ?? null);
        const gauge = this.windowEstimate(s, mode, k);
        if (gauge > 0 && row === undefined) row = s.row2s(k);
        row?.addGauge(mode, gauge);
      }
      if (row === undefined) continue;
      if (row.isEmpty()) {
        s.rows2s.delete(k);
        continue;
      }
      this.dirty.add(row);
      for (const level of PARENT_LEVELS) {
        const parent = s.parent(level, alignDown(startMs, LEVEL_MS[level]));
        parent.mergeChild(row);
        this.dirty.add(parent);
      }
    }
    const oldest = k - this.windowBuckets - 1;
    for (const s of this.allSeries()) s.evict(oldest, startMs);
  }

  /** Gauge of bucket k: the union of buckets k−W/2+1 … k (window union + the G buckets it dropped). */
  private windowEstimate(s: SeriesState, mode: UserKeyMode, k: number): number {
    let acc = s.windows.get(mode)!.query();
    let owned = false;
    for (let j = k - this.windowBuckets + 1; j <= k - this.windowBuckets + this.graceBuckets; j++) {
      const sketch = s.rows2s.get(j)?.users.get(mode)?.sketch ?? null;
      if (sketch === null) continue;
      if (acc === null) acc = sketch;
      else {
        if (!owned) acc = acc.clone();
        owned = true;
        acc.merge(sketch);
      }
    }
    return acc === null ? 0 : Math.round(acc.count());
  }

  /**
   * Late record for a finalized bucket: updates the 2 s row and every parent of the instance and the
   * total that are still in memory (re-flushed as dirty) and queues the others for the store.
   * Gauges already sampled are not recomputed; the window is re-read from the rows so CCU now includes
   * the record (even when it created the bucket's first sketch).
   */
  private applyLate(
    s: SeriesState,
    bucket: number,
    apply: (row: RowAccumulator) => void,
    item: Pick<BackfillItem, 'kind' | 'record'>,
    includeTotal = true,
  ): void {
    const startMs = bucket * BUCKET_MS;
    const inMemory2s = bucket >= this.finalized - this.windowBuckets;
    for (const target of includeTotal ? [s, this.total] : [s]) {
      if (inMemory2s) {
        const row = target.row2s(bucket);
        apply(row);
        this.dirty.add(row);
        if (bucket > this.finalized - (this.windowBuckets - this.graceBuckets)) target.windowsStale = true;
      } else this.queueBackfill('2s', target.instance, startMs, item);
      for (const level of PARENT_LEVELS) {
        const start = alignDown(startMs, LEVEL_MS[level]);
        const parent = target.parents[level].get(start);
        if (parent !== undefined) {
          apply(parent);
          this.dirty.add(parent);
        } else this.queueBackfill(level, target.instance, start, item);
      }
    }
  }

  private queueBackfill(
    level: RollupLevel,
    instance: string,
    start: number,
    item: Pick<BackfillItem, 'kind' | 'record'>,
  ): void {
    this.backfill.push({ level, instance, start, ...item } as BackfillItem);
  }

  private instanceRowsAt(level: RollupLevel, start: number): RowAccumulator[] {
    const out: RowAccumulator[] = [];
    for (const s of this.series.values()) {
      const row = level === '2s' ? s.rows2s.get(start / BUCKET_MS) : s.parents[level].get(start);
      if (row !== undefined) out.push(row);
    }
    return out;
  }

  private hasPendingRows(fromBucket: number): boolean {
    for (const s of this.series.values()) for (const k of s.rows2s.keys()) if (k >= fromBucket) return true;
    return false;
  }

  /** First bucket ≥ from with a row in any series, or target + 1 when none. */
  private nextPendingBucket(from: number, target: number): number {
    let next = target + 1;
    for (const s of this.series.values()) for (const k of s.rows2s.keys()) if (k >= from && k < next) next = k;
    return next;
  }

  private instanceSeries(instance: string): SeriesState {
    let s = this.series.get(instance);
    if (s === undefined) {
      s = this.newSeries(instance);
      this.series.set(instance, s);
    }
    return s;
  }

  private newSeries(instance: string): SeriesState {
    return new SeriesState(instance, this.modes, this.precision, this.windowBuckets - this.graceBuckets);
  }

  private *allSeries(): Iterable<SeriesState> {
    yield* this.series.values();
    yield this.total;
  }
}
