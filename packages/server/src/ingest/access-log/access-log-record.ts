/**
 * The fields every access-log layout yields, and the one place they become a Transaction: user keys
 * (session cookie, URL session, visitor cookie, remote user), trusted-proxy client address, route.
 */
import type { Transaction } from '../../model/transaction.js';
import { resolveClientAddress } from '../client-address.js';
import { cookieValue } from '../cookie-header.js';
import { routeOf, urlSessionId } from '../request-target.js';
import type { AccessLogContext } from './access-log-options.js';

/** A line that could not be used: its 1-based number and why. */
export interface AccessLogRejection {
  line: number;
  reason: string;
}

export function isRejection(result: Transaction | AccessLogRejection): result is AccessLogRejection {
  return (result as AccessLogRejection).reason !== undefined;
}

export interface AccessLogFields {
  time: number;
  method: string;
  url: string;
  status: number;
  bytes: number;
  durationMs: number;
  /** TCP peer address (`%h`, `$remote_addr`, `c-ip`). */
  peer: string;
  forwardedFor: string | undefined;
  /** Remote user (`%u`, `cs-username`), `-` when none. */
  remoteUser: string | undefined;
  userAgent: string | undefined;
  cookie: string | undefined;
  /** Session id logged directly (Tomcat `%S`). */
  sessionId: string | undefined;
}

function present(v: string | undefined): string | undefined {
  return v === undefined || v === '' || v === '-' ? undefined : v;
}

export function toTransaction(ctx: AccessLogContext, f: AccessLogFields): Transaction {
  const cookie = present(f.cookie);
  const sessionId =
    present(f.sessionId) ?? (cookie ? cookieValue(cookie, ctx.sessionCookie) : undefined) ?? urlSessionId(f.url);
  const visitorId = cookie && ctx.visitorCookie ? cookieValue(cookie, ctx.visitorCookie) : undefined;
  const clientIp =
    f.forwardedFor === undefined ? f.peer : resolveClientAddress(f.peer, present(f.forwardedFor), ctx.trusted);
  return {
    time: f.time,
    durationMs: f.durationMs,
    status: f.status,
    error: f.status >= 500,
    method: f.method,
    url: f.url,
    route: routeOf(f.url),
    instance: ctx.instance,
    service: ctx.service,
    clientIp,
    sessionId,
    visitorId,
    userId: present(f.remoteUser),
    userAgent: present(f.userAgent),
    bytes: f.bytes,
  };
}

/** Non-negative integer from `s[start, end)`; `-` or empty → 0; anything else → NaN. */
export function parseCount(s: string, start: number, end: number): number {
  if (end <= start || (end === start + 1 && s.charCodeAt(start) === 45)) return 0;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    n = n * 10 + c;
  }
  return n;
}

/** Method and target of a request line `GET /p?q HTTP/1.1`; `-` or empty gives empty strings. */
export function splitRequestLine(request: string): { method: string; url: string } {
  if (request === '-' || request === '') return { method: '', url: '' };
  const sp1 = request.indexOf(' ');
  if (sp1 < 0) return { method: request, url: '' };
  let end = request.lastIndexOf(' ');
  if (end === sp1 || !request.startsWith('HTTP/', end + 1)) {
    end = end === request.length - 1 ? end : request.length;
    if (end <= sp1) end = request.length;
  }
  return { method: request.slice(0, sp1), url: request.slice(sp1 + 1, end) };
}

/**
 * A duration token from a log (`1234`, `0.123`, `ms:71198`) in milliseconds; integers use the
 * context's unit, decimals are seconds. NaN when the token is not a duration.
 */
export function parseDurationToken(token: string, integerToMs: number): number {
  let t = token;
  let unit = integerToMs;
  const colon = t.indexOf(':');
  if (colon > 0) {
    const prefix = t.slice(0, colon);
    unit = prefix === 'ms' ? 1 : prefix === 'us' || prefix === 'µs' ? 0.001 : prefix === 's' ? 1000 : NaN;
    t = t.slice(colon + 1);
  }
  if (t === '' || t === '-') return NaN;
  const dot = t.indexOf('.');
  if (dot >= 0) {
    const seconds = Number(t);
    return seconds >= 0 ? seconds * (colon > 0 ? unit : 1000) : NaN;
  }
  const n = parseCount(t, 0, t.length);
  return n * unit;
}
