/** Mean and standard deviation over the last `size` values, with running sums so each update is O(1). */
export class WindowedMoments {
  private readonly ring: Float64Array;
  private n = 0;
  private next = 0;
  private sum = 0;
  private sumSq = 0;

  constructor(readonly size: number) {
    this.ring = new Float64Array(size);
  }

  get count(): number {
    return this.n;
  }

  get mean(): number {
    return this.n === 0 ? 0 : this.sum / this.n;
  }

  get std(): number {
    if (this.n < 2) return 0;
    const m = this.mean;
    return Math.sqrt(Math.max(this.sumSq / this.n - m * m, 0));
  }

  push(value: number): void {
    if (this.n === this.size) {
      const old = this.ring[this.next] as number;
      this.sum -= old;
      this.sumSq -= old * old;
    } else {
      this.n++;
    }
    this.ring[this.next] = value;
    this.sum += value;
    this.sumSq += value * value;
    this.next = (this.next + 1) % this.size;
  }
}
