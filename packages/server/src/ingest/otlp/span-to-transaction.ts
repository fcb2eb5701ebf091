/**
 * Maps one server span (and the child spans attributed to it) to a Transaction, reading both the
 * current HTTP semantic conventions and the pre-1.20 names older agents still send.
 */
import type { ExceptionSummary, OutgoingCallSummary, QuerySummary, Transaction } from '../../model/transaction.js';
import { resolveClientAddress } from '../client-address.js';
import { cookieValue } from '../cookie-header.js';
import { routeOf, targetOfUrl, urlSessionId } from '../request-target.js';
import type { AttributeLookup, ResourceIdentity } from './otlp-attributes.js';
import { firstNum, firstStr } from './otlp-attributes.js';
import type { ResolvedOtlpOptions } from './otlp-decode-options.js';
import type { OtlpSpan } from './otlp-schema.js';
import { SPAN_KIND } from './otlp-schema.js';
import { normaliseSql } from './normalise-sql.js';

/** A validated span with its attributes and resource identity. */
export interface DecodedSpan {
  span: OtlpSpan;
  attrs: AttributeLookup;
  resource: ResourceIdentity;
}

export interface ChildSummaries {
  queries: QuerySummary[];
  calls: OutgoingCallSummary[];
  exceptions: ExceptionSummary[];
}

const ERROR = 2;

/**
 * Every span attribute the mapping reads, by meaning; where several keys are listed the first one
 * present wins (current semantic conventions first, the pre-1.20 names after). The fast protobuf
 * reader keeps exactly these keys (`SPAN_ATTRIBUTE_KEYS`) and skips the rest unread.
 */
export const SPAN_KEYS = {
  urlFull: ['url.full', 'http.url'],
  urlPath: ['url.path'],
  urlQuery: ['url.query'],
  httpTarget: ['http.target'],
  method: ['http.request.method', 'http.method'],
  route: ['http.route'],
  status: ['http.response.status_code', 'http.status_code'],
  cookie: ['http.request.header.cookie'],
  forwardedFor: ['http.request.header.x-forwarded-for'],
  claimedClient: ['client.address', 'http.client_ip', 'net.sock.peer.addr', 'network.peer.address', 'net.peer.ip'],
  socketPeer: ['network.peer.address', 'net.sock.peer.addr', 'net.peer.ip'],
  sessionId: ['session.id'],
  userId: ['enduser.id', 'user.id'],
  userAgent: ['user_agent.original', 'http.user_agent'],
  bytes: ['http.response.body.size', 'http.response_content_length', 'http.response.size'],
  dbSystem: ['db.system.name', 'db.system'],
  dbText: ['db.query.text', 'db.statement'],
  dbRows: ['db.response.returned_rows', 'db.response.affected_rows', 'db.rows_affected', 'db.sql.rows'],
  peerName: ['server.address', 'net.peer.name'],
} as const satisfies Record<string, readonly string[]>;

export const SPAN_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set(Object.values(SPAN_KEYS).flat());

/** A transaction span: kind SERVER, or a root span of unspecified kind (Jaeger conversions, old SDKs). */
export function isTransactionSpan(span: OtlpSpan): boolean {
  return span.kind === SPAN_KIND.server || (span.kind === 0 && !span.parentSpanId);
}

function durationOf(span: OtlpSpan): number {
  // Rounded to the microsecond: the difference of two epoch-ms doubles carries ~0.2 µs of noise.
  return Math.max(0, Math.round((span.endTimeUnixNano - span.startTimeUnixNano) * 1000) / 1000);
}

/** Request target (path and query) from whichever URL attributes the agent sets. */
function requestTarget(a: AttributeLookup): string {
  const full = firstStr(a, SPAN_KEYS.urlFull);
  if (full) return targetOfUrl(full);
  const path = firstStr(a, SPAN_KEYS.urlPath);
  if (path) {
    const query = firstStr(a, SPAN_KEYS.urlQuery);
    return query ? `${path}?${query}` : path;
  }
  return firstStr(a, SPAN_KEYS.httpTarget) ?? '';
}

/** Adds what a span contributes to its transaction: a query, an outgoing call, exceptions. */
export function summariseInto(d: DecodedSpan, into: ChildSummaries, max: number, isSelf: boolean): void {
  const a = d.attrs;
  if (!isSelf) {
    const system = firstStr(a, SPAN_KEYS.dbSystem);
    const method = firstStr(a, SPAN_KEYS.method);
    if (system !== undefined && into.queries.length < max) {
      const text = firstStr(a, SPAN_KEYS.dbText) ?? d.span.name;
      into.queries.push({
        statement: normaliseSql(text),
        durationMs: durationOf(d.span),
        rows: firstNum(a, SPAN_KEYS.dbRows),
        system,
      });
    } else if (d.span.kind === SPAN_KIND.client && method !== undefined && into.calls.length < max) {
      const server = firstStr(a, SPAN_KEYS.peerName);
      const target = firstStr(a, SPAN_KEYS.urlFull) ?? (server ? `${server}${requestTarget(a)}` : requestTarget(a));
      into.calls.push({
        url: target,
        method,
        status: firstNum(a, SPAN_KEYS.status),
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
  const status = firstNum(a, SPAN_KEYS.status) ?? 0;
  const url = requestTarget(a);
  const cookie = firstStr(a, SPAN_KEYS.cookie);
  const claimed = firstStr(a, SPAN_KEYS.claimedClient);
  const forwarded = firstStr(a, SPAN_KEYS.forwardedFor);
  // The socket peer matters only to decide whether X-Forwarded-For is believed.
  const socketPeer = forwarded === undefined ? undefined : (firstStr(a, SPAN_KEYS.socketPeer) ?? claimed);
  const clientIp =
    forwarded !== undefined && socketPeer !== undefined && o.trusted.has(socketPeer)
      ? resolveClientAddress(socketPeer, forwarded, o.trusted)
      : (claimed ?? '');
  return {
    time: span.startTimeUnixNano,
    durationMs: durationOf(span),
    status,
    error: status >= 500 || span.status.code === ERROR,
    method: firstStr(a, SPAN_KEYS.method) ?? '',
    url,
    route: firstStr(a, SPAN_KEYS.route) ?? (url ? routeOf(url) : span.name),
    instance: resource.instance,
    service: resource.service,
    clientIp,
    sessionId: firstStr(a, SPAN_KEYS.sessionId) ?? cookieValue(cookie, o.sessionCookie) ?? urlSessionId(url),
    visitorId: o.visitorCookie ? cookieValue(cookie, o.visitorCookie) : undefined,
    userId: firstStr(a, SPAN_KEYS.userId),
    userAgent: firstStr(a, SPAN_KEYS.userAgent),
    bytes: firstNum(a, SPAN_KEYS.bytes) ?? 0,
    traceId: span.traceId,
    spanId: span.spanId,
    queries: children.queries.length > 0 ? children.queries : undefined,
    calls: children.calls.length > 0 ? children.calls : undefined,
    exceptions: children.exceptions.length > 0 ? children.exceptions : undefined,
  };
}
