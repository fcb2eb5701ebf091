/**
 * OutOfMemoryError analysis (`rca.oom`): finds each OOM (an `OutOfMemoryError` log record or a
 * transaction exception), then looks at that instance in the minutes before it: the transactions in
 * flight or recent, ranked by how heavy they were (rows their SQL returned, duration, response size),
 * the heaviest SQL statements, query-like URLs, and bursts of session creation. The transaction linked
 * to the OOM by trace id, or that threw it, is flagged; candidates carry the reasons they rank where
 * they do.
 */
import type { LogRecord, SessionEvent } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import type { Evidence, TimeRange } from '../evidence.js';
import { MINUTE_MS } from '../series/series.js';
import { robustLevel } from './robust-level.js';
import { maxOf, spanOf } from './time-span.js';

export interface OomInput {
  logs: readonly LogRecord[];
  /** Transactions covering each OOM's lookback (and, for the session baseline, more before it). */
  transactions: readonly Transaction[];
  sessionEvents?: readonly SessionEvent[];
}

export interface OomOptions {
  /** How far before the OOM to look; default 5 min. */
  lookbackMs?: number;
  /** Candidates kept per OOM; default 10. */
  limit?: number;
  /** Session creations per minute must exceed the baseline median by this factor; default 3. */
  sessionBurstFactor?: number;
}

export interface OomEvent {
  instance: string;
  at: number;
  /** Where the OOM was seen: a log record or a transaction's exception. */
  source: 'log' | 'transaction';
  message: string;
  traceId?: string;
}

export interface OomCandidate {
  tx: Transaction;
  /** Rank score: heavier is higher (see `reasons`). */
  score: number;
  /** Largest row count among its SQL statements, and their total duration. */
  sqlRows: number;
  sqlDurationMs: number;
  /** Linked to the OOM record by trace id, or threw the OutOfMemoryError itself. */
  linked: boolean;
  /** Running when the OOM happened. */
  inFlight: boolean;
  reasons: string[];
}

export interface HeavyStatement {
  statement: string;
  executions: number;
  maxRows: number;
  totalRows: number;
  maxDurationMs: number;
  /** Trace ids of the transactions that ran it (first 10). */
  traceIds: string[];
}

export interface SessionBurst {
  /** Minute start, epoch ms. */
  minute: number;
  created: number;
  /** Median creations per minute on the instance over the preceding hour. */
  baselinePerMinute: number;
}

export interface OomReport {
  event: OomEvent;
  lookback: TimeRange;
  candidates: OomCandidate[];
  heavyStatements: HeavyStatement[];
  /** Transactions in the lookback whose URL carries a query string or names a report/export/search. */
  queryLikeUrls: { route: string; url: string; count: number; maxDurationMs: number; maxBytes: number }[];
  sessionBursts: SessionBurst[];
  evidence: Evidence[];
}

export type OomResult = { found: true; ooms: OomReport[] } | { found: false; reason: string; evidence: Evidence[] };

/** What names an out-of-memory error in a log record or an exception type (case-sensitive). */
export const OOM_MARKER = 'OutOfMemoryError';
const OOM_PATTERN = new RegExp(OOM_MARKER);
const QUERY_LIKE_ROUTE = /report|export|search|query|download|excel|xlsx|csv/i;

export function findOomEvents(input: Pick<OomInput, 'logs' | 'transactions'>): OomEvent[] {
  const events: OomEvent[] = [];
  for (const log of input.logs) {
    if (!OOM_PATTERN.test(log.exceptionType ?? '') && !OOM_PATTERN.test(log.body)) continue;
    events.push({
      instance: log.instance,
      at: log.time,
      source: 'log',
      message: log.body,
      ...(log.traceId === undefined ? {} : { traceId: log.traceId }),
    });
  }
  for (const tx of input.transactions) {
    const ex = tx.exceptions?.find((e) => OOM_PATTERN.test(e.type));
    if (!ex) continue;
    const at = tx.time + tx.durationMs;
    // The same OOM logged and recorded on its span is one event.
    const dup = events.some(
      (e) => e.instance === tx.instance && (e.traceId === tx.traceId || Math.abs(e.at - at) < MINUTE_MS),
    );
    if (dup) continue;
    events.push({
      instance: tx.instance,
      at,
      source: 'transaction',
      message: `${ex.type}${ex.message ? `: ${ex.message}` : ''}`,
      ...(tx.traceId === undefined ? {} : { traceId: tx.traceId }),
    });
  }
  return events.sort((a, b) => a.at - b.at);
}

export const NO_OOM_REASON = 'no OutOfMemoryError in the logs or transaction exceptions';

export function oomSearchEvidence(range: TimeRange, rows: number): Evidence {
  return {
    source: 'history',
    description: 'log records and transaction exceptions searched for OutOfMemoryError',
    range,
    rows,
  };
}

export function analyzeOom(input: OomInput, options: OomOptions = {}): OomResult {
  const events = findOomEvents(input);
  if (events.length === 0) {
    return {
      found: false,
      reason: NO_OOM_REASON,
      evidence: [
        oomSearchEvidence(
          spanOf([...input.logs.map((l) => l.time), ...input.transactions.map((t) => t.time)]),
          input.logs.length + input.transactions.length,
        ),
      ],
    };
  }
  return { found: true, ooms: events.map((e) => oomReport(e, input, options)) };
}

/** One OOM's report from the rows around it (`input` may hold more; only the event's instance and lookback count). */
export function oomReport(event: OomEvent, input: OomInput, options: OomOptions): OomReport {
  const lookbackMs = options.lookbackMs ?? 5 * MINUTE_MS;
  const limit = options.limit ?? 10;
  const lookback = { from: event.at - lookbackMs, to: event.at + 1 };
  const txs = input.transactions.filter(
    (tx) => tx.instance === event.instance && tx.time < lookback.to && tx.time + tx.durationMs >= lookback.from,
  );
  const maxDuration = maxOf(
    txs.map((t) => t.durationMs),
    1,
  );
  const maxBytes = maxOf(
    txs.map((t) => t.bytes),
    1,
  );
  const maxRows = maxOf(txs.map(sqlRowsOf), 1);
  const candidates = txs.map((tx): OomCandidate => {
    const sqlRows = sqlRowsOf(tx);
    const sqlDurationMs = (tx.queries ?? []).reduce((s, q) => s + q.durationMs, 0);
    const threw = tx.exceptions?.some((e) => OOM_PATTERN.test(e.type)) ?? false;
    const linked = threw || (event.traceId !== undefined && tx.traceId === event.traceId);
    const inFlight = tx.time <= event.at && tx.time + tx.durationMs >= event.at - 1_000;
    const reasons: string[] = [];
    if (linked) reasons.push(threw ? 'threw the OutOfMemoryError' : 'same trace as the OOM record');
    if (inFlight) reasons.push('running when the OOM happened');
    if (sqlRows > 0) reasons.push(`SQL returned ${sqlRows} rows`);
    reasons.push(`${Math.round(tx.durationMs)} ms`, `${tx.bytes} bytes`);
    // Memory is taken by what is materialised: rows fetched weigh most, then time held, then response size.
    const score =
      (linked ? 2 : 0) +
      (inFlight ? 0.5 : 0) +
      sqlRows / maxRows +
      0.5 * (tx.durationMs / maxDuration) +
      0.5 * (tx.bytes / maxBytes);
    return { tx, score, sqlRows, sqlDurationMs, linked, inFlight, reasons };
  });
  candidates.sort((a, b) => b.score - a.score || a.tx.time - b.tx.time);
  const sessionBursts = findSessionBursts(event, input.sessionEvents ?? [], lookback, options.sessionBurstFactor ?? 3);
  return {
    event,
    lookback,
    candidates: candidates.slice(0, limit),
    heavyStatements: heavyStatements(txs).slice(0, limit),
    queryLikeUrls: queryLikeUrls(txs).slice(0, limit),
    sessionBursts,
    evidence: [
      {
        source: 'history',
        description: `OutOfMemoryError on ${event.instance} (${event.source}): ${event.message}`,
        range: { from: event.at, to: event.at + 1 },
        rows: 1,
      },
      {
        source: 'history',
        description: `transactions on ${event.instance} running in the ${Math.round(lookbackMs / MINUTE_MS)} min before the OOM`,
        range: lookback,
        rows: txs.length,
      },
    ],
  };
}

function sqlRowsOf(tx: Transaction): number {
  return (tx.queries ?? []).reduce((m, q) => Math.max(m, q.rows ?? 0), 0);
}

function heavyStatements(txs: readonly Transaction[]): HeavyStatement[] {
  const byStatement = new Map<string, HeavyStatement>();
  for (const tx of txs) {
    for (const q of tx.queries ?? []) {
      let s = byStatement.get(q.statement);
      if (!s) {
        byStatement.set(
          q.statement,
          (s = { statement: q.statement, executions: 0, maxRows: 0, totalRows: 0, maxDurationMs: 0, traceIds: [] }),
        );
      }
      s.executions++;
      s.maxRows = Math.max(s.maxRows, q.rows ?? 0);
      s.totalRows += q.rows ?? 0;
      s.maxDurationMs = Math.max(s.maxDurationMs, q.durationMs);
      if (tx.traceId && s.traceIds.length < 10) s.traceIds.push(tx.traceId);
    }
  }
  return [...byStatement.values()].sort((a, b) => b.maxRows - a.maxRows || b.maxDurationMs - a.maxDurationMs);
}

function queryLikeUrls(txs: readonly Transaction[]): OomReport['queryLikeUrls'] {
  const byUrl = new Map<string, OomReport['queryLikeUrls'][number]>();
  for (const tx of txs) {
    if (!tx.url.includes('?') && !QUERY_LIKE_ROUTE.test(tx.route)) continue;
    let u = byUrl.get(tx.url);
    if (!u) byUrl.set(tx.url, (u = { route: tx.route, url: tx.url, count: 0, maxDurationMs: 0, maxBytes: 0 }));
    u.count++;
    u.maxDurationMs = Math.max(u.maxDurationMs, tx.durationMs);
    u.maxBytes = Math.max(u.maxBytes, tx.bytes);
  }
  return [...byUrl.values()].sort((a, b) => b.maxDurationMs - a.maxDurationMs);
}

function findSessionBursts(
  event: OomEvent,
  sessionEvents: readonly SessionEvent[],
  lookback: TimeRange,
  factor: number,
): SessionBurst[] {
  const perMinute = new Map<number, number>();
  for (const e of sessionEvents) {
    if (e.type !== 'created' || e.instance !== event.instance) continue;
    if (e.time >= lookback.to || e.time < lookback.from - 60 * MINUTE_MS) continue;
    const minute = Math.floor(e.time / MINUTE_MS) * MINUTE_MS;
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1);
  }
  const baselineMinutes: number[] = [];
  for (let m = Math.floor((lookback.from - 60 * MINUTE_MS) / MINUTE_MS) * MINUTE_MS; m < lookback.from; m += MINUTE_MS)
    baselineMinutes.push(perMinute.get(m) ?? 0);
  const base = robustLevel(baselineMinutes).median;
  const bursts: SessionBurst[] = [];
  for (const [minute, created] of perMinute) {
    if (minute < lookback.from - MINUTE_MS) continue;
    // At least 10 creations so a quiet instance going from 1 to 4 is not a "burst".
    if (created >= Math.max(10, factor * Math.max(base, 1))) bursts.push({ minute, created, baselinePerMinute: base });
  }
  return bursts.sort((a, b) => a.minute - b.minute);
}
