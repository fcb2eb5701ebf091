/**
 * Cumulative counters of one instance since the collector opened (Prometheus counters for `/metrics`):
 * transactions, errors and the latency histogram.
 */
import type { Transaction } from '../model/transaction.js';
import { LATENCY_BUCKETS, latencyBucketIndex } from './latency-histogram.js';

export class LiveCounters {
  transactions = 0;
  errors = 0;
  durationSumMs = 0;
  readonly latency = new Array<number>(LATENCY_BUCKETS).fill(0);
  /** Latest active-sessions figure (metric or session events); null until one is seen. */
  activeSessions: number | null = null;

  add(tx: Transaction): void {
    this.transactions++;
    if (tx.error) this.errors++;
    this.durationSumMs += tx.durationMs;
    this.latency[latencyBucketIndex(tx.durationMs)]++;
  }
}
