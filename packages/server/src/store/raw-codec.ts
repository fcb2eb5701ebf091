/**
 * Raw rows ↔ DuckDB: Appender writers (column order of duckdb-schema.ts) and readers for transactions,
 * metric samples, log records and session events. A transaction's child-span summaries (queries,
 * calls, exceptions) travel as one JSON `detail` column: they are read per transaction, never scanned.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import type { LogRecord, MetricSample, SessionEvent, SessionEventType, InfraMetric } from '../model/telemetry.js';
import type { Transaction } from '../model/transaction.js';

export function appendTransaction(a: DuckDBAppender, tx: Transaction): void {
  a.appendBigInt(BigInt(Math.trunc(tx.time)));
  a.appendDouble(tx.durationMs);
  a.appendInteger(tx.status | 0);
  a.appendBoolean(tx.error);
  a.appendVarchar(tx.method);
  a.appendVarchar(tx.url);
  a.appendVarchar(tx.route);
  a.appendVarchar(tx.instance);
  a.appendVarchar(tx.service);
  a.appendVarchar(tx.clientIp);
  optional(a, tx.sessionId);
  optional(a, tx.visitorId);
  optional(a, tx.userId);
  optional(a, tx.userAgent);
  a.appendDouble(tx.bytes);
  optional(a, tx.traceId);
  optional(a, tx.spanId);
  if (tx.queries === undefined && tx.calls === undefined && tx.exceptions === undefined) a.appendNull();
  else a.appendVarchar(JSON.stringify({ queries: tx.queries, calls: tx.calls, exceptions: tx.exceptions }));
  a.endRow();
}

export const TRANSACTION_SELECT = `time_ms::DOUBLE AS time_ms, duration_ms, status, error, method, url, route, instance,
  service, client_ip, session_id, visitor_id, user_id, user_agent, bytes, trace_id, span_id, detail`;

export function transactionFromJs(r: Record<string, unknown>): Transaction {
  const tx: Transaction = {
    time: Number(r.time_ms),
    durationMs: Number(r.duration_ms),
    status: Number(r.status),
    error: r.error === true,
    method: String(r.method),
    url: String(r.url),
    route: String(r.route),
    instance: String(r.instance),
    service: String(r.service),
    clientIp: String(r.client_ip),
    bytes: Number(r.bytes),
  };
  setIf(tx, 'sessionId', r.session_id);
  setIf(tx, 'visitorId', r.visitor_id);
  setIf(tx, 'userId', r.user_id);
  setIf(tx, 'userAgent', r.user_agent);
  setIf(tx, 'traceId', r.trace_id);
  setIf(tx, 'spanId', r.span_id);
  if (typeof r.detail === 'string') {
    const detail = JSON.parse(r.detail) as Pick<Transaction, 'queries' | 'calls' | 'exceptions'>;
    // Loaded from journal JSON, absent parts are null rather than missing.
    if (detail.queries != null) tx.queries = detail.queries;
    if (detail.calls != null) tx.calls = detail.calls;
    if (detail.exceptions != null) tx.exceptions = detail.exceptions;
  }
  return tx;
}

export function appendMetric(a: DuckDBAppender, m: MetricSample): void {
  a.appendBigInt(BigInt(Math.trunc(m.time)));
  a.appendVarchar(m.instance);
  a.appendVarchar(m.metric);
  a.appendDouble(m.value);
  if (m.limit === undefined) a.appendNull();
  else a.appendDouble(m.limit);
  a.endRow();
}

export function metricFromJs(r: Record<string, unknown>): MetricSample {
  const m: MetricSample = {
    time: Number(r.time_ms),
    instance: String(r.instance),
    metric: String(r.metric) as InfraMetric,
    value: Number(r.value),
  };
  if (typeof r.limit === 'number') m.limit = r.limit;
  return m;
}

export function appendLog(a: DuckDBAppender, l: LogRecord): void {
  a.appendBigInt(BigInt(Math.trunc(l.time)));
  a.appendVarchar(l.instance);
  a.appendVarchar(l.service);
  a.appendVarchar(l.severity);
  a.appendVarchar(l.body);
  optional(a, l.exceptionType);
  optional(a, l.exceptionMessage);
  optional(a, l.traceId);
  optional(a, l.spanId);
  a.endRow();
}

export function logFromJs(r: Record<string, unknown>): LogRecord {
  const l: LogRecord = {
    time: Number(r.time_ms),
    instance: String(r.instance),
    service: String(r.service),
    severity: String(r.severity),
    body: String(r.body),
  };
  setIf(l, 'exceptionType', r.exception_type);
  setIf(l, 'exceptionMessage', r.exception_message);
  setIf(l, 'traceId', r.trace_id);
  setIf(l, 'spanId', r.span_id);
  return l;
}

export function appendSessionEvent(a: DuckDBAppender, e: SessionEvent): void {
  a.appendBigInt(BigInt(Math.trunc(e.time)));
  a.appendVarchar(e.type);
  a.appendVarchar(e.instance);
  a.appendVarchar(e.sessionId);
  optional(a, e.userId);
  optional(a, e.clientIp);
  optional(a, e.userAgent);
  if (e.ttlSeconds === undefined) a.appendNull();
  else a.appendDouble(e.ttlSeconds);
  a.endRow();
}

export function sessionEventFromJs(r: Record<string, unknown>): SessionEvent {
  const e: SessionEvent = {
    time: Number(r.time_ms),
    type: String(r.type) as SessionEventType,
    instance: String(r.instance),
    sessionId: String(r.session_id),
  };
  setIf(e, 'userId', r.user_id);
  setIf(e, 'clientIp', r.client_ip);
  setIf(e, 'userAgent', r.user_agent);
  if (typeof r.ttl_seconds === 'number') e.ttlSeconds = r.ttl_seconds;
  return e;
}

function optional(a: DuckDBAppender, v: string | undefined): void {
  if (v === undefined) a.appendNull();
  else a.appendVarchar(v);
}

function setIf<T extends object>(target: T, key: keyof T & string, v: unknown): void {
  if (typeof v === 'string') (target as Record<string, unknown>)[key] = v;
}
