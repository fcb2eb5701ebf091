/**
 * The rows a history chunk is building: one RowAccumulator (the collector's own row builder) per
 * (level, instance, bucket) at the finest level kept for that time, plus the counters the generator
 * needs to turn visit counts into CCU gauges (visits touching the row, crawler keys in it).
 */
import type { UserKeyMode } from '../model/transaction.js';
import { RowAccumulator } from '../rollup/row-accumulator.js';
import { LEVEL_MS, ROLLUP_LEVELS, TOTAL_INSTANCE, type RollupLevel } from '../rollup/rollup-row.js';

export interface Slot {
  acc: RowAccumulator;
  /** Instance index, or the instance count for the total. */
  inst: number;
  /** User visits that touched the bucket (one per visit, not per request). */
  touches: number;
  /** Transactions, fractional while visits spread theirs over buckets. */
  tx: number;
  /** Crawler hits (each one a distinct session key). */
  crawlerHits: number;
  /** Bit per crawler seen (its address is one ip key). */
  crawlerMask: number;
}

export class HistoryRows {
  private readonly slots: Map<number, Slot>[] = ROLLUP_LEVELS.map(() => new Map());

  constructor(
    private readonly instances: readonly string[],
    private readonly modes: readonly UserKeyMode[],
    private readonly precision: number,
  ) {}

  /** The slot of (level, instance index, bucket start), created on first use. */
  slot(levelIdx: number, inst: number, start: number): Slot {
    const level = ROLLUP_LEVELS[levelIdx] as RollupLevel;
    const key = (start / LEVEL_MS[level]) * 8 + inst;
    const map = this.slots[levelIdx] as Map<number, Slot>;
    let s = map.get(key);
    if (s === undefined) {
      const name = inst === this.instances.length ? TOTAL_INSTANCE : (this.instances[inst] as string);
      s = {
        acc: new RowAccumulator(level, name, start, this.modes, this.precision),
        inst,
        touches: 0,
        tx: 0,
        crawlerHits: 0,
        crawlerMask: 0,
      };
      map.set(key, s);
    }
    return s;
  }

  /** Removes and returns the slots of a level whose bucket starts before `before`, oldest first. */
  take(levelIdx: number, before: number): Slot[] {
    const map = this.slots[levelIdx] as Map<number, Slot>;
    const out: Slot[] = [];
    for (const [key, s] of map) {
      if (s.acc.start < before) {
        out.push(s);
        map.delete(key);
      }
    }
    return out.sort((a, b) => a.acc.start - b.acc.start || a.inst - b.inst);
  }
}
