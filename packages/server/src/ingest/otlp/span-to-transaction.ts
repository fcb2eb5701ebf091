/**
 * Maps one server span (and the child spans attributed to it) to a Transaction, reading both the
 * current HTTP semantic conventions and the pre-1.20 names older agents still send.
 */
import type { ExceptionSummary, OutgoingCallSummary, QuerySummary, Transaction } from '../../model/transaction.js';
import { resolveClientAddress } from '../client-address.js';
import { cookieValue } from '../cookie-header.js';
import { routeOf, targetOfUrl, urlSessionId } from '../request-target.js';
import type { Attributes, ResourceIdentity } from './otlp-attributes.js';
import { num, str } from './otlp-attributes.js';
import type { ResolvedOtlpOptions } from './otlp-decode-options.js';
import type { OtlpSpan } from './otlp-schema.js';
import { SPAN_KIND } from './otlp-schema.js';
import { normaliseSql } from './normalise-sql.js';

/** A validated span with its attributes and resource identity. */
export interface DecodedSpan {
  span: OtlpSpan;
  attrs: Attributes;
  resource: ResourceIdentity;
}

export interface ChildSummaries {
  queries: QuerySummary[];
  calls: OutgoingCallSummary[];
  exceptions: ExceptionSummary[];
}

const ERROR = 2;

/** A transaction span: kind SERVER, or a root span of unspecified kind (Jaeger conversions, old SDKs). */
export function isTransactionSpan(span: OtlpSpan): boolean {
  return span.kind === SPAN_KIND.server || (span.kind === 0 && !span.parentSpanId);
}

function durationOf(span: OtlpSpan): number {
  // Rounded to the microsecond: the difference of two epoch-ms doubles carries ~0.2 µs of noise.
  return Math.max(0, Math.round((span.endTimeUnixNano - span.startTimeUnixNano) * 1000) / 1000);
}

/** Request target (path and query) from whichever URL attributes the agent sets. */
function requestTarget(a: Attributes): string {
  const full = str(a, 'url.full', 'http.url');
  if (full) return targetOfUrl(full);
  const path = str(a, 'url.path');
  if (path) {
    const query = str(a, 'url.query');
    return query ? `${path}?${query}` : path;
  }
  return str(a, 'http.target') ?? '';
}

/** Adds what a span contributes to its transaction: a query, an outgoing call, exceptions. */
export function summariseInto(d: DecodedSpan, into: ChildSummaries, max: number, isSelf: boolean): void {
  const a = d.attrs;
  if (!isSelf) {
    const system = str(a, 'db.system.name', 'db.system');
    const method = str(a, 'http.request.method', 'http.method');
    if (system !== undefined && into.queries.length < max) {
      const text = str(a, 'db.query.text', 'db.statement') ?? d.span.name;
      into.queries.push({
        statement: normaliseSql(text),
        durationMs: durationOf(d.span),
        rows: num(a, 'db.response.returned_rows', 'db.response.affected_rows', 'db.rows_affected', 'db.sql.rows'),
        system,
      });
    } else if (d.span.kind === SPAN_KIND.client && method !== undefined && into.calls.length < max) {
      const server = str(a, 'server.address', 'net.peer.name');
      const target = str(a, 'url.full', 'http.url') ?? (server ? `${server}${requestTarget(a)}` : requestTarget(a));
      into.calls.push({
        url: target,
        method,
        status: num(a, 'http.response.status_code', 'http.status_code'),
        durationMs: durationOf(d.span),
      });
    }
  }
  for (const ev of d.span.events) {
    if (ev.name !== 'exception' || into.exceptions.length >= max) continue;
    const ea = new Map(ev.attributes.map((kv) => [kv.key, kv.value?.stringValue ?? null]));
    into.exceptions.push({
      type: ea.get('exception.type') ?? 'unknown',
      message: ea.get('exception.message') ?? undefined,
    });
  }
}

export function spanToTransaction(d: DecodedSpan, children: ChildSummaries, o: ResolvedOtlpOptions): Transaction {
  const { span, attrs: a, resource } = d;
  const status = num(a, 'http.response.status_code', 'http.status_code') ?? 0;
  const url = requestTarget(a);
  const cookie = str(a, 'http.request.header.cookie');
  const claimed = str(
    a,
    'client.address',
    'http.client_ip',
    'net.sock.peer.addr',
    'network.peer.address',
    'net.peer.ip',
  );
  const socketPeer = str(a, 'network.peer.address', 'net.sock.peer.addr', 'net.peer.ip') ?? claimed;
  const forwarded = str(a, 'http.request.header.x-forwarded-for');
  const clientIp =
    forwarded !== undefined && socketPeer !== undefined && o.trusted.has(socketPeer)
      ? resolveClientAddress(socketPeer, forwarded, o.trusted)
      : (claimed ?? '');
  return {
    time: span.startTimeUnixNano,
    durationMs: durationOf(span),
    status,
    error: status >= 500 || span.status.code === ERROR,
    method: str(a, 'http.request.method', 'http.method') ?? '',
    url,
    route: str(a, 'http.route') ?? (url ? routeOf(url) : span.name),
    instance: resource.instance,
    service: resource.service,
    clientIp,
    sessionId: str(a, 'session.id') ?? cookieValue(cookie, o.sessionCookie) ?? urlSessionId(url),
    visitorId: o.visitorCookie ? cookieValue(cookie, o.visitorCookie) : undefined,
    userId: str(a, 'enduser.id', 'user.id'),
    userAgent: str(a, 'user_agent.original', 'http.user_agent'),
    bytes: num(a, 'http.response.body.size', 'http.response_content_length', 'http.response.size') ?? 0,
    traceId: span.traceId,
    spanId: span.spanId,
    queries: children.queries.length > 0 ? children.queries : undefined,
    calls: children.calls.length > 0 ? children.calls : undefined,
    exceptions: children.exceptions.length > 0 ? children.exceptions : undefined,
  };
}
