/**
 * A multiset of numbers kept sorted in one typed array: insert and remove by binary search and a block
 * move, quantiles read in place. The spike finder's trailing baseline slides over an hour of samples
 * once a minute; keeping it sorted costs one move per sample instead of one sort per minute.
 */
export class SortedValues {
  private readonly values: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.values = new Float64Array(Math.max(1, capacity));
  }

  get count(): number {
    return this.size;
  }

  /** First index whose value is ≥ v (strict: > v). */
  private bound(v: number, strict: boolean): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = this.values[mid] as number;
      if (m < v || (strict && m === v)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(v: number): void {
    const at = this.bound(v, true);
    this.values.copyWithin(at + 1, at, this.size);
    this.values[at] = v;
    this.size++;
  }

  /** Removes one occurrence of v (which must be present). */
  remove(v: number): void {
    const at = this.bound(v, false);
    if (at >= this.size || this.values[at] !== v) throw new RangeError(`value ${v} is not in the set`);
    this.values.copyWithin(at, at + 1, this.size);
    this.size--;
  }

  /** The q-quantile with linear interpolation between closest ranks (as `percentile` in series.ts). */
  quantile(q: number): number {
    if (this.size === 0) return Number.NaN;
    const pos = q * (this.size - 1);
    const lo = Math.floor(pos);
    const a = this.values[lo] as number;
    const b = this.values[Math.min(lo + 1, this.size - 1)] as number;
    return a + (b - a) * (pos - lo);
  }
}
