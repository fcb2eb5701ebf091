/**
 * Exact distinct-user figures computed from generated transactions, to check the collector's
 * HyperLogLog estimates against: distinct keys per (instance, 2 s bucket), per window, and CCU at t
 * (distinct keys with a transaction in (t − W, t]).
 */
import { userKeyOf, type Transaction, type UserKeyMode } from '../model/transaction.js';
import { TOTAL_INSTANCE } from '../rollup/rollup-row.js';

export const BUCKET_MS = 2_000;

export interface DistinctQuery {
  mode: UserKeyMode;
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  /** Omit (or TOTAL_INSTANCE) for all instances. */
  instance?: string;
}

/** Transactions indexed for repeated exact queries. */
export class GroundTruth {
  private readonly txs: Transaction[];

  constructor(transactions: readonly Transaction[]) {
    this.txs = [...transactions].sort((a, b) => a.time - b.time);
  }

  /** Exact number of distinct user keys with a transaction in [from, to). */
  distinct(q: DistinctQuery): number {
    return this.keys(q).size;
  }

  /** The distinct keys themselves. */
  keys(q: DistinctQuery): Set<string> {
    const keys = new Set<string>();
    const all = q.instance === undefined || q.instance === TOTAL_INSTANCE;
    for (let i = lowerBound(this.txs, q.from); i < this.txs.length; i++) {
      const tx = this.txs[i] as Transaction;
      if (tx.time >= q.to) break;
      if (!all && tx.instance !== q.instance) continue;
      const key = userKeyOf(tx, q.mode);
      if (key !== undefined) keys.add(key);
    }
    return keys;
  }

  /** Exact CCU at t: distinct keys with a transaction in (t − W, t]. */
  ccuAt(t: number, mode: UserKeyMode, windowSeconds = 300, instance?: string): number {
    return this.distinct({
      mode,
      from: t - windowSeconds * 1000 + 1,
      to: t + 1,
      ...(instance === undefined ? {} : { instance }),
    });
  }

  /**
   * Exact CCU as the collector computes it from whole 2 s buckets: the distinct keys of the W/2 s
   * buckets ending with the bucket that holds t.
   */
  ccuAtBuckets(t: number, mode: UserKeyMode, windowSeconds = 300, instance?: string): number {
    const end = Math.floor(t / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
    return this.distinct({
      mode,
      from: end - windowSeconds * 1000,
      to: end,
      ...(instance === undefined ? {} : { instance }),
    });
  }

  /** Distinct keys per 2 s bucket start for one instance (or all): the 2 s rollup's exact visitors. */
  perBucket(mode: UserKeyMode, instance?: string): Map<number, number> {
    const sets = new Map<number, Set<string>>();
    const all = instance === undefined || instance === TOTAL_INSTANCE;
    for (const tx of this.txs) {
      if (!all && tx.instance !== instance) continue;
      const key = userKeyOf(tx, mode);
      if (key === undefined) continue;
      const b = Math.floor(tx.time / BUCKET_MS) * BUCKET_MS;
      let set = sets.get(b);
      if (!set) sets.set(b, (set = new Set()));
      set.add(key);
    }
    return new Map([...sets].map(([b, s]) => [b, s.size]));
  }
}

function lowerBound(txs: Transaction[], t: number): number {
  let lo = 0;
  let hi = txs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((txs[mid] as Transaction).time < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
