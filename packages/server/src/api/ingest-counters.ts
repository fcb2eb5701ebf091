/**
 * Running totals of what each ingest endpoint accepted and rejected since the process started,
 * exported on /metrics as counters so operators can alert on a decoder dropping records.
 */
import type { IngestReport } from '../model/telemetry.js';

export const INGEST_SIGNALS = ['traces', 'metrics', 'logs', 'access_log', 'session_events'] as const;
export type IngestSignal = (typeof INGEST_SIGNALS)[number];

export interface IngestTotals {
  accepted: number;
  rejected: number;
  /** Requests refused as a whole (undecodable, too large, wrong type). */
  failedRequests: number;
}

export class IngestCounters {
  private readonly totals = new Map<IngestSignal, IngestTotals>(
    INGEST_SIGNALS.map((s) => [s, { accepted: 0, rejected: 0, failedRequests: 0 }]),
  );

  add(signal: IngestSignal, report: Pick<IngestReport, 'accepted' | 'rejected'>): void {
    const t = this.totals.get(signal)!;
    t.accepted += report.accepted;
    t.rejected += report.rejected;
  }

  failed(signal: IngestSignal): void {
    this.totals.get(signal)!.failedRequests++;
  }

  snapshot(): Record<IngestSignal, IngestTotals> {
    return Object.fromEntries([...this.totals].map(([s, t]) => [s, { ...t }])) as Record<IngestSignal, IngestTotals>;
  }
}
