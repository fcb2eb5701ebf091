/**
 * Context novelty: how unexpected the current value is given the few values before it. Values are quantised
 * into bins whose width is fixed from the early data; an order-k model counts which bin followed each
 * context of k bins. The raw score is 1 − P(bin | context), so a value never seen after this context scores
 * 1 and a routine transition scores near 0. This plays the part the sequence memory plays in Numenta's
 * detector, with counts instead of neurons.
 */

export interface ContextNoveltyOptions {
  /** Number of bins across the range seen during warm-up. */
  bins: number;
  /** Context length (previous bins) the next bin is predicted from. */
  order: number;
  /** Records used to fix the bin width. */
  warmup: number;
}

export const DEFAULT_CONTEXT_OPTIONS = { bins: 20, order: 2, warmup: 150 } as const satisfies ContextNoveltyOptions;

export class ContextNovelty {
  private readonly opts: ContextNoveltyOptions;
  private readonly warm: number[] = [];
  private origin = 0;
  private width = 0;
  private readonly context: number[] = [];
  private readonly totals = new Map<string, number>();
  private readonly next = new Map<string, number>();

  constructor(options: Partial<ContextNoveltyOptions> = {}) {
    this.opts = { ...DEFAULT_CONTEXT_OPTIONS, ...options };
  }

  update(value: number): number {
    if (this.width === 0) {
      this.warm.push(value);
      if (this.warm.length < this.opts.warmup) return 0;
      const lo = Math.min(...this.warm);
      const hi = Math.max(...this.warm);
      this.origin = lo;
      this.width = hi > lo ? (hi - lo) / this.opts.bins : Math.abs(lo) * 0.01 || 1;
      for (const v of this.warm) this.learn(this.binOf(v));
      this.warm.length = 0;
      return 0;
    }
    const bin = this.binOf(value);
    let score = 1;
    if (this.context.length === this.opts.order) {
      const key = this.context.join(',');
      const total = this.totals.get(key) ?? 0;
      // A neighbouring bin counts as foreseen: values near a bin edge should not look novel.
      const seen =
        (this.next.get(`${key}>${bin}`) ?? 0) +
        (this.next.get(`${key}>${bin - 1}`) ?? 0) +
        (this.next.get(`${key}>${bin + 1}`) ?? 0);
      score = total === 0 ? 1 : Math.max(0, 1 - seen / total);
    }
    this.learn(bin);
    return score;
  }

  private binOf(v: number): number {
    return Math.floor((v - this.origin) / this.width);
  }

  private learn(bin: number): void {
    if (this.context.length === this.opts.order) {
      const key = this.context.join(',');
      this.totals.set(key, (this.totals.get(key) ?? 0) + 1);
      const k = `${key}>${bin}`;
      this.next.set(k, (this.next.get(k) ?? 0) + 1);
    }
    this.context.push(bin);
    if (this.context.length > this.opts.order) this.context.shift();
  }
}
