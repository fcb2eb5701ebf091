/**
 * Per-record sanity checks on the ingest hot path: records that would corrupt counts (no time, no
 * instance, a time far in the future) are dropped and counted by reason, never thrown.
 */
import type { LogRecord, MetricSample, SessionEvent } from '../model/telemetry.js';
import type { Transaction } from '../model/transaction.js';

/** Clock skew tolerated for records stamped in the future. */
export const MAX_FUTURE_MS = 300_000;

export class IngestGuard {
  accepted = 0;
  rejected = 0;
  readonly reasons = new Map<string, number>();

  transaction(tx: Transaction, now: number): boolean {
    if (!Number.isFinite(tx.time) || tx.time <= 0) return this.reject('transaction without a valid time');
    if (tx.time > now + MAX_FUTURE_MS) return this.reject('transaction time more than 5 min in the future');
    if (!tx.instance) return this.reject('transaction without an instance');
    if (!Number.isFinite(tx.durationMs) || tx.durationMs < 0)
      return this.reject('transaction with an invalid duration');
    this.accepted++;
    return true;
  }

  timed(r: MetricSample | LogRecord | SessionEvent, now: number): boolean {
    if (!Number.isFinite(r.time) || r.time <= 0) return this.reject('record without a valid time');
    if (r.time > now + MAX_FUTURE_MS) return this.reject('record time more than 5 min in the future');
    if (!r.instance) return this.reject('record without an instance');
    if ('value' in r && !Number.isFinite(r.value)) return this.reject('metric sample without a finite value');
    this.accepted++;
    return true;
  }

  private reject(reason: string): false {
    this.rejected++;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
    return false;
  }
}
