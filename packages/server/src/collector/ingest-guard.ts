/**
 * Per-record sanity checks on the ingest hot path: records that would corrupt counts (no time, no
 * instance, a time far in the future) are dropped and counted by reason, never thrown.
 */
import { recordRejection } from '../model/telemetry.js';
import type { IngestReport, LogRecord, MetricSample, SessionEvent } from '../model/telemetry.js';
import type { Transaction } from '../model/transaction.js';

/** Clock skew tolerated for records stamped in the future. */
export const MAX_FUTURE_MS = 300_000;

export class IngestGuard {
  accepted = 0;
  rejected = 0;
  readonly reasons = new Map<string, number>();

  /** Keeps the acceptable records of a batch, noting each rejection (1-based) in `report`. */
  filter<T>(
    records: readonly T[],
    now: number,
    check: (r: T, now: number) => string | null,
    report: IngestReport,
  ): T[] {
    const ok: T[] = [];
    for (let i = 0; i < records.length; i++) {
      const reason = check(records[i], now);
      if (reason === null) {
        ok.push(records[i]);
        this.accepted++;
      } else {
        recordRejection(report, i + 1, reason);
        this.rejected++;
        this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + 1);
      }
    }
    report.accepted += ok.length;
    return ok;
  }
}

/** Why a transaction cannot be counted, or null. */
export function checkTransaction(tx: Transaction, now: number): string | null {
  if (!Number.isFinite(tx.time) || tx.time <= 0) return 'transaction without a valid time';
  if (tx.time > now + MAX_FUTURE_MS) return 'transaction time more than 5 min in the future';
  if (!tx.instance) return 'transaction without an instance';
  if (!Number.isFinite(tx.durationMs) || tx.durationMs < 0) return 'transaction with an invalid duration';
  return null;
}

/** Why a metric sample, log record or session event cannot be kept, or null. */
export function checkTimed(r: MetricSample | LogRecord | SessionEvent, now: number): string | null {
  if (!Number.isFinite(r.time) || r.time <= 0) return 'record without a valid time';
  if (r.time > now + MAX_FUTURE_MS) return 'record time more than 5 min in the future';
  if (!r.instance) return 'record without an instance';
  if ('value' in r && !Number.isFinite(r.value)) return 'metric sample without a finite value';
  if ('sessionId' in r && typeof r.sessionId !== 'string') return 'session event without a session id';
  return null;
}
