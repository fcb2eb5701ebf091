/**
 * Non-transaction telemetry kept beside transactions: infrastructure metric samples, log records,
 * and session-store events.
 */

/** Metric names the product understands, normalised from OpenTelemetry semantic conventions. */
export const INFRA_METRICS = ['cpu', 'memory', 'heap', 'sessions'] as const;
export type InfraMetric = (typeof INFRA_METRICS)[number];

export interface MetricSample {
  /** Epoch milliseconds. */
  time: number;
  instance: string;
  /** `cpu`: utilisation 0..1; `memory`/`heap`: bytes used; `sessions`: active sessions. */
  metric: InfraMetric;
  value: number;
  /** Capacity where known (memory limit, heap max) so utilisation can be derived. */
  limit?: number;
}

export interface LogRecord {
  time: number;
  instance: string;
  service: string;
  /** OTLP severity text, upper case (`ERROR`, `FATAL`, …). */
  severity: string;
  body: string;
  /** `exception.type`, e.g. `java.lang.OutOfMemoryError`. */
  exceptionType?: string;
  exceptionMessage?: string;
  traceId?: string;
  spanId?: string;
}

export const SESSION_EVENT_TYPES = ['created', 'touched', 'login', 'destroyed', 'expired'] as const;
export type SessionEventType = (typeof SESSION_EVENT_TYPES)[number];

export interface SessionEvent {
  type: SessionEventType;
  time: number;
  instance: string;
  sessionId: string;
  userId?: string;
  clientIp?: string;
  userAgent?: string;
  /** Session lifetime in seconds (on `created`/`touched`). */
  ttlSeconds?: number;
}

/** What an ingest call accepted and what it rejected, with reasons; ingest never throws per record. */
export interface IngestReport {
  accepted: number;
  rejected: number;
  /** First rejections, each with its 1-based line or record number and the reason (capped). */
  rejections: { at: number; reason: string }[];
  /** Records decoded but deliberately not used, counted by kind (e.g. `histogram`, `metric:http.server.duration`). */
  ignored?: Record<string, number>;
}

export function emptyIngestReport(): IngestReport {
  return { accepted: 0, rejected: 0, rejections: [] };
}

const MAX_REJECTIONS_KEPT = 100;

export function recordRejection(report: IngestReport, at: number, reason: string): void {
  report.rejected++;
  if (report.rejections.length < MAX_REJECTIONS_KEPT) report.rejections.push({ at, reason });
}

/** Counts a record that was well-formed but not used (not a rejection: nothing was wrong with it). */
export function recordIgnored(report: IngestReport, kind: string, count = 1): void {
  const ignored = (report.ignored ??= {});
  ignored[kind] = (ignored[kind] ?? 0) + count;
}
