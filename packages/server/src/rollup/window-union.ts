/**
 * Union of the last `capacity` 2 s sketches of one series, kept incrementally so CCU needs about one
 * merge per tick instead of re-merging the whole window (150 sketches at W = 5 min) on every query.
 *
 * It is the two-stack sliding-window aggregation for an operation with no inverse (HLL union cannot
 * remove a bucket): new items fold into a running `back` union; evictions pop a `front` array that
 * holds suffix unions, rebuilt from the items in one pass when it runs empty (amortised O(1) merges).
 * Items are references to live bucket sketches; when late data changes one inside the window, call
 * `invalidate()` and the next query rebuilds. When late data creates a sketch where the window holds
 * an empty bucket (null), the reference is missing: the owner must `reset()` the items instead.
 */
import type { HyperLogLog } from '@promptops/sketch';

export class WindowUnion {
  /** Items in window order (oldest first); null = empty bucket. */
  private items: (HyperLogLog | null)[] = [];
  /** frontUnions[i] = union of items[i .. frontEnd-1]; valid for i >= head. */
  private frontUnions: (HyperLogLog | null)[] = [];
  private head = 0;
  private frontEnd = 0;
  private back: HyperLogLog | null = null;
  private stale = false;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: HyperLogLog | null): void {
    this.items.push(item);
    if (!this.stale && item !== null) this.back = unionOf(this.back, item);
    while (this.size > this.capacity) this.evict();
  }

  /** Drops everything (e.g. after a long idle gap: the window is empty). */
  clear(): void {
    this.items = [];
    this.frontUnions = [];
    this.head = 0;
    this.frontEnd = 0;
    this.back = null;
    this.stale = false;
  }

  /** Replaces the window's items (oldest first) and recomputes the unions on the next query. */
  reset(items: readonly (HyperLogLog | null)[]): void {
    this.clear();
    this.items = items.slice(-this.capacity);
    this.stale = true;
  }

  /** Marks the cached unions outdated after an item inside the window changed. */
  invalidate(): void {
    this.stale = true;
  }

  /**
   * Union of the window, or null when every item is empty. The result may be an internal union:
   * callers must clone before mutating it.
   */
  query(): HyperLogLog | null {
    if (this.stale) this.rebuild();
    const front = this.head < this.frontEnd ? this.frontUnions[this.head] : null;
    if (front === null) return this.back;
    if (this.back === null) return front;
    return front.clone().merge(this.back);
  }

  private evict(): void {
    if (this.head >= this.frontEnd) this.rebuild();
    this.frontUnions[this.head] = null;
    this.items[this.head] = null;
    this.head++;
    // Compact now and then so the arrays do not grow without bound.
    if (this.head >= this.capacity && this.head >= this.frontEnd) {
      this.items = this.items.slice(this.head);
      this.frontUnions = [];
      this.frontEnd -= this.head;
      this.head = 0;
      if (this.frontEnd < 0) this.frontEnd = 0;
    }
  }

  /** Moves every live item to the front and recomputes suffix unions (one merge per item). */
  private rebuild(): void {
    const live = this.items.slice(this.head);
    this.items = live;
    this.head = 0;
    this.frontEnd = live.length;
    this.frontUnions = new Array<HyperLogLog | null>(live.length).fill(null);
    let acc: HyperLogLog | null = null;
    for (let i = live.length - 1; i >= 0; i--) {
      const item = live[i];
      if (item !== null) acc = acc === null ? item.clone() : acc.clone().merge(item);
      this.frontUnions[i] = acc;
    }
    this.back = null;
    this.stale = false;
  }
}

/** Union of a running accumulator and an item, allocating only when the accumulator is still empty. */
function unionOf(acc: HyperLogLog | null, item: HyperLogLog): HyperLogLog {
  return acc === null ? item.clone() : acc.merge(item);
}
