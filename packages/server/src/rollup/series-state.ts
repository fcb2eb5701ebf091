/**
 * The in-memory state of one series (an instance, or the all-instances total): its 2 s rows still
 * inside the window, its open 1 min / 5 min / 1 h rows, one window union per identification mode,
 * live counters and (for instances) the session tracker.
 */
import type { UserKeyMode } from '../model/transaction.js';
import { LiveCounters } from './live-counters.js';
import { RowAccumulator } from './row-accumulator.js';
import { LEVEL_MS } from './rollup-row.js';
import type { RollupLevel } from './rollup-row.js';
import { SessionTracker } from './session-tracker.js';
import { WindowUnion } from './window-union.js';

export const PARENT_LEVELS = ['1m', '5m', '1h'] as const satisfies readonly RollupLevel[];
export type ParentLevel = (typeof PARENT_LEVELS)[number];

export const BUCKET_MS = LEVEL_MS['2s'];

export class SeriesState {
  /** 2 s rows by bucket index (epoch ms / 2000). */
  readonly rows2s = new Map<number, RowAccumulator>();
  readonly parents: Record<ParentLevel, Map<number, RowAccumulator>> = {
    '1m': new Map(),
    '5m': new Map(),
    '1h': new Map(),
  };
  readonly windows = new Map<UserKeyMode, WindowUnion>();
  readonly counters = new LiveCounters();
  readonly sessions = new SessionTracker();
  /** True once a session event was seen, so the tracker's count means something. */
  tracksSessions = false;
  /**
   * True after late data changed a finalized bucket inside the window: the window unions must be
   * re-read from `rows2s` (the late record may have created the bucket's sketch, which the window
   * holds as an empty slot).
   */
  windowsStale = false;

  constructor(
    readonly instance: string,
    private readonly modes: readonly UserKeyMode[],
    private readonly precision: number,
    windowCapacity: number,
  ) {
    for (const mode of modes) this.windows.set(mode, new WindowUnion(windowCapacity));
  }

  row2s(bucket: number): RowAccumulator {
    let row = this.rows2s.get(bucket);
    if (row === undefined) {
      row = new RowAccumulator('2s', this.instance, bucket * BUCKET_MS, this.modes, this.precision);
      this.rows2s.set(bucket, row);
    }
    return row;
  }

  parent(level: ParentLevel, start: number): RowAccumulator {
    const rows = this.parents[level];
    let row = rows.get(start);
    if (row === undefined) {
      row = new RowAccumulator(level, this.instance, start, this.modes, this.precision);
      rows.set(start, row);
    }
    return row;
  }

  /** Forgets 2 s rows before `oldestBucket` and parents that ended before the previous one began. */
  evict(oldestBucket: number, nowMs: number): void {
    for (const bucket of this.rows2s.keys()) if (bucket < oldestBucket) this.rows2s.delete(bucket);
    for (const level of PARENT_LEVELS) {
      const keepFrom = alignDown(nowMs, LEVEL_MS[level]) - LEVEL_MS[level];
      for (const start of this.parents[level].keys()) if (start < keepFrom) this.parents[level].delete(start);
    }
  }
}

export function alignDown(ms: number, step: number): number {
  return Math.floor(ms / step) * step;
}
