/**
 * Staging for CCU gauges of closed periods. Late or imported transactions for buckets older than the
 * engine's 2 s memory horizon (data older than the window) have their user keys kept here in 2 s
 * sketches, per series, and the hours whose gauges they change are marked pending. Once an hour is
 * complete — quiet for one flush, out of the engine's memory, or the import finished (`completeAll`) —
 * the collector recomputes its gauges from these sketches and the stored 2 s rows (`gauge-recompute.ts`).
 *
 * A bucket changes the gauge of itself and of the W/2 − 1 buckets after it, so it marks its own hour
 * and the hour its window reaches into. Staged sketches are kept while any hour that reads them is
 * pending or recently recomputed (a re-touched hour is recomputed from all of its data, not just the
 * newest records), and dropped after `releaseAfterFlushes` quiet flushes.
 *
 * The sketches live in memory only. The pending hours go into each flush's checkpoint
 * (`pendingHours`), and after a restart the collector stages each one again from the raw
 * transactions it reads (`restage`), so a process killed mid-import still gets its gauges.
 */
import { HyperLogLog } from '@promptops/sketch';
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import { userKeyOf } from '../model/transaction.js';
import { LEVEL_MS } from './rollup-row.js';
import { BUCKET_MS, alignDown } from './series-state.js';

const HOUR_MS = LEVEL_MS['1h'];

/** One pending (series, hour). */
interface PendingHour {
  /** Flush generation of the last record that touched the hour. */
  touched: number;
  /** Recomputed since the last touch. */
  done: boolean;
  /**
   * Per mode, whether the stored hour already held gauge samples before staging began (live data
   * whose 2 s sketches may be gone): read at the first recompute and kept for the later ones.
   */
  hadLiveGauge?: Partial<Record<UserKeyMode, boolean>>;
}

/** An hour due for recomputation. */
export interface DueGaugeHour {
  instance: string;
  /** Hour start, epoch ms. */
  start: number;
  hadLiveGauge?: Partial<Record<UserKeyMode, boolean>>;
}

export interface GaugeBackfillOptions {
  modes: readonly UserKeyMode[];
  precision: number;
  /** Buckets in the CCU window (W / 2 s). */
  windowBuckets: number;
  /** Quiet flushes after its recomputation before an hour's sketches are released. */
  releaseAfterFlushes?: number;
}

export class GaugeBackfill {
  /** Per series: bucket index → mode → sketch of the staged keys. */
  private readonly sketches = new Map<string, Map<number, Map<UserKeyMode, HyperLogLog>>>();
  private readonly pending = new Map<string, Map<number, PendingHour>>();
  private generation = 0;
  private completing = false;
  /** The last `takeDue` returned every pending hour: release what it recomputed right away. */
  private forced = false;
  private readonly releaseAfter: number;

  constructor(private readonly options: GaugeBackfillOptions) {
    this.releaseAfter = options.releaseAfterFlushes ?? 15;
  }

  /** True while some hour waits for its gauges. */
  get hasPending(): boolean {
    for (const hours of this.pending.values()) for (const h of hours.values()) if (!h.done) return true;
    return false;
  }

  /** Keeps a late transaction's keys for the gauge of its bucket and the window after it. */
  stage(instance: string, bucket: number, tx: Transaction): void {
    // A transaction without a key changes no gauge; its counts go through the normal backfill.
    if (!this.addKeys(instance, bucket, tx)) return;
    const startMs = bucket * BUCKET_MS;
    this.touch(instance, alignDown(startMs, HOUR_MS));
    this.touch(instance, alignDown(startMs + (this.options.windowBuckets - 1) * BUCKET_MS, HOUR_MS));
  }

  /**
   * Stages stored transactions again after a restart: every bucket they fall in, for the gauge of
   * `hourStart` only (rows of the window before it are read by its first buckets; they must not mark
   * the hour before, whose own rows were not read). `hadLiveGauge` is what a recompute before the
   * restart found, if one ran.
   */
  restage(
    instance: string,
    hourStart: number,
    txs: readonly Transaction[],
    hadLiveGauge?: Partial<Record<UserKeyMode, boolean>>,
  ): void {
    for (const tx of txs) this.addKeys(instance, Math.floor(tx.time / BUCKET_MS), tx);
    this.touch(instance, hourStart);
    const h = this.pending.get(instance)!.get(hourStart)!;
    if (hadLiveGauge !== undefined) h.hadLiveGauge ??= hadLiveGauge;
  }

  /** Hours still waiting for their gauges, for the checkpoint (a restart stages them again). */
  pendingHours(): DueGaugeHour[] {
    const out: DueGaugeHour[] = [];
    for (const [instance, hours] of this.pending)
      for (const [start, h] of hours)
        if (!h.done)
          out.push({ instance, start, ...(h.hadLiveGauge === undefined ? {} : { hadLiveGauge: h.hadLiveGauge }) });
    return out;
  }

  /** The staged sketch of a bucket, or null. */
  sketchAt(instance: string, bucket: number, mode: UserKeyMode): HyperLogLog | null {
    return this.sketches.get(instance)?.get(bucket)?.get(mode) ?? null;
  }

  /** Marks every pending hour complete: the next `takeDue` returns them all (the import finished). */
  completeAll(): void {
    this.completing = true;
  }

  /**
   * Hours to recompute now: pending ones not touched since the previous call (or all after
   * `completeAll`) whose rows the engine no longer holds in memory (`inMemory`). Starts a new flush
   * generation. Call `markDone` once their rows are stored.
   */
  takeDue(inMemory: (instance: string, hourStart: number) => boolean): DueGaugeHour[] {
    const due: DueGaugeHour[] = [];
    for (const [instance, hours] of this.pending) {
      for (const [start, h] of hours) {
        if (h.done || (!this.completing && h.touched >= this.generation) || inMemory(instance, start)) continue;
        due.push({ instance, start, ...(h.hadLiveGauge === undefined ? {} : { hadLiveGauge: h.hadLiveGauge }) });
      }
    }
    this.generation++;
    this.forced = this.completing;
    this.completing = false;
    due.sort((a, b) => a.start - b.start || a.instance.localeCompare(b.instance));
    return due;
  }

  /** Records hours as recomputed (with what their stored rows held before) and releases quiet sketches. */
  markDone(hours: readonly DueGaugeHour[]): void {
    for (const d of hours) {
      const h = this.pending.get(d.instance)?.get(d.start);
      if (h === undefined) continue;
      h.done = true;
      if (d.hadLiveGauge !== undefined) h.hadLiveGauge = d.hadLiveGauge;
    }
    this.release(this.forced);
  }

  private touch(instance: string, hourStart: number): void {
    let hours = this.pending.get(instance);
    if (hours === undefined) this.pending.set(instance, (hours = new Map()));
    const h = hours.get(hourStart);
    if (h === undefined) hours.set(hourStart, { touched: this.generation, done: false });
    else {
      h.touched = this.generation;
      h.done = false;
    }
  }

  /** Drops hours recomputed and quiet long enough (all recomputed ones when `force`) and sketches no hour reads. */
  private release(force: boolean): void {
    const windowMs = (this.options.windowBuckets - 1) * BUCKET_MS;
    for (const [instance, hours] of this.pending) {
      for (const [start, h] of hours)
        if (h.done && (force || this.generation - h.touched >= this.releaseAfter)) hours.delete(start);
      const buckets = this.sketches.get(instance);
      if (buckets !== undefined) {
        for (const bucket of buckets.keys()) {
          const startMs = bucket * BUCKET_MS;
          if (!hours.has(alignDown(startMs, HOUR_MS)) && !hours.has(alignDown(startMs + windowMs, HOUR_MS)))
            buckets.delete(bucket);
        }
        if (buckets.size === 0) this.sketches.delete(instance);
      }
      if (hours.size === 0) this.pending.delete(instance);
    }
  }

  /** Adds a transaction's user keys to its bucket's sketches; false when it has no key in any mode. */
  private addKeys(instance: string, bucket: number, tx: Transaction): boolean {
    let byMode: Map<UserKeyMode, HyperLogLog> | undefined;
    for (const mode of this.options.modes) {
      const key = userKeyOf(tx, mode);
      if (key === undefined) continue;
      byMode ??= this.bucketSketches(instance, bucket);
      let sketch = byMode.get(mode);
      if (sketch === undefined) {
        sketch = new HyperLogLog({ precision: this.options.precision });
        byMode.set(mode, sketch);
      }
      sketch.add(key);
    }
    return byMode !== undefined;
  }

  private bucketSketches(instance: string, bucket: number): Map<UserKeyMode, HyperLogLog> {
    let buckets = this.sketches.get(instance);
    if (buckets === undefined) this.sketches.set(instance, (buckets = new Map()));
    let byMode = buckets.get(bucket);
    if (byMode === undefined) buckets.set(bucket, (byMode = new Map()));
    return byMode;
  }
}
