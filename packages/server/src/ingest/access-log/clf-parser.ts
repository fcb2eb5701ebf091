/**
 * Hand-rolled parser for the Common Log Format family without an explicit pattern: Apache/Nginx
 * `common` and `combined`, nginx's default `main` (combined + `"$http_x_forwarded_for"`), Tomcat's
 * AccessLogValve `common`/`combined`, each with optional trailing fields (durations, `%a`, `%X`,
 * `Key="value"`). It scans with indexOf instead of one big regular expression: this is the hottest
 * loop of log import (~1 M lines/s per core is the target).
 *
 * Layout: HOST IDENT USER [TIME] "REQUEST" STATUS BYTES ["REFERER" "USER-AGENT" ["XFF"|"COOKIE"]] [extras]
 * HOST may be preceded by a virtual host (`vhost_combined`), or be an address list (`a, b, c`) or a
 * quoted list followed by the peer, as nginx writes with `$http_x_forwarded_for $remote_addr`.
 */
import type { Transaction } from '../../model/transaction.js';
import type { AccessLogContext } from './access-log-options.js';
import type { AccessLogFields, AccessLogRejection } from './access-log-record.js';
import { parseCount, parseDurationToken, toTransaction } from './access-log-record.js';
import { ClfTimestampParser } from './clf-timestamp.js';

const QUOTE = 34;

function reject(line: number, reason: string): AccessLogRejection {
  return { line, reason };
}

/** Peer and forwarded-for list from the host part (everything before IDENT USER). */
function splitHostPart(host: string): { peer: string; forwardedFor: string | undefined } {
  if (host.charCodeAt(0) === QUOTE) {
    const close = host.indexOf('"', 1);
    const list = host.slice(1, close < 0 ? host.length : close);
    const peer = close < 0 ? '' : host.slice(close + 1).trim();
    return { peer: peer || list.split(',').pop()!.trim(), forwardedFor: list };
  }
  const lastComma = host.lastIndexOf(',');
  const lastSpace = host.lastIndexOf(' ');
  if (lastComma >= 0) {
    // `a, b, c` (peer last) or `a, b c` (forwarded list, then the peer after a plain space).
    if (lastSpace > lastComma + 1) return { peer: host.slice(lastSpace + 1), forwardedFor: host.slice(0, lastSpace) };
    return { peer: host.slice(lastComma + 1).trim(), forwardedFor: host.slice(0, lastComma) };
  }
  // `vhost_combined`: server name then the client.
  return { peer: host.slice(lastSpace + 1), forwardedFor: undefined };
}

export class ClfParser {
  private readonly time = new ClfTimestampParser();

  constructor(private readonly ctx: AccessLogContext) {}

  parse(line: string, lineNo: number): Transaction | AccessLogRejection {
    const open = line.indexOf(' [');
    if (open < 0) return reject(lineNo, 'no [timestamp] field');
    const userSp = line.lastIndexOf(' ', open - 1);
    const identSp = userSp > 0 ? line.lastIndexOf(' ', userSp - 1) : -1;
    if (identSp < 0) return reject(lineNo, 'expected HOST IDENT USER before the timestamp');
    let peer: string;
    let forwardedFor: string | undefined;
    if (line.indexOf(' ') === identSp && line.lastIndexOf(',', identSp) < 0) {
      peer = line.slice(0, identSp);
    } else {
      ({ peer, forwardedFor } = splitHostPart(line.slice(0, identSp)));
    }
    const remoteUser = line.slice(userSp + 1, open);

    const close = line.indexOf(']', open + 2);
    if (close < 0) return reject(lineNo, 'unterminated [timestamp]');
    const time = this.time.parse(line, open + 2);
    if (Number.isNaN(time)) return reject(lineNo, `bad timestamp '${line.slice(open + 2, close)}'`);

    const q1 = close + 2;
    if (line.charCodeAt(q1) !== QUOTE) return reject(lineNo, 'expected "request" after the timestamp');
    let q2 = line.indexOf('" ', q1 + 1);
    // Apache escapes quotes inside %r as \" (probes and attacks send them).
    while (q2 > 0 && line.charCodeAt(q2 - 1) === 92) q2 = line.indexOf('" ', q2 + 1);
    if (q2 < 0) return reject(lineNo, 'unterminated "request" field');
    // Request line `METHOD TARGET PROTOCOL`, split in place (no intermediate string or object).
    let method = '';
    let url = '';
    const sp1 = line.indexOf(' ', q1 + 1);
    if (sp1 > 0 && sp1 < q2) {
      method = line.slice(q1 + 1, sp1);
      const sp2 = line.lastIndexOf(' ', q2 - 1);
      url =
        sp2 > sp1 && (line.startsWith('HTTP/', sp2 + 1) || sp2 === q2 - 1)
          ? line.slice(sp1 + 1, sp2)
          : line.slice(sp1 + 1, q2);
    } else if (q2 > q1 + 1 && !(q2 === q1 + 2 && line.charCodeAt(q1 + 1) === 45)) {
      method = line.slice(q1 + 1, q2);
    }

    const statusStart = q2 + 2;
    let statusEnd = line.indexOf(' ', statusStart);
    if (statusEnd < 0) statusEnd = line.length;
    const status = parseCount(line, statusStart, statusEnd);
    if (!(status >= 100 && status <= 999)) {
      return reject(lineNo, `bad status '${line.slice(statusStart, statusEnd)}'`);
    }
    let bytesEnd = statusEnd < line.length ? line.indexOf(' ', statusEnd + 1) : line.length;
    if (bytesEnd < 0) bytesEnd = line.length;
    const bytes = parseCount(line, statusEnd + 1, bytesEnd);
    if (Number.isNaN(bytes)) return reject(lineNo, `bad byte count '${line.slice(statusEnd + 1, bytesEnd)}'`);

    const f: AccessLogFields = {
      time,
      method,
      url,
      status,
      bytes,
      durationMs: 0,
      peer,
      forwardedFor,
      remoteUser,
      userAgent: undefined,
      cookie: undefined,
      sessionId: undefined,
    };
    if (bytesEnd < line.length) this.trailing(line, bytesEnd + 1, f);
    return toTransaction(this.ctx, f);
  }

  /** Referer, user agent, then optional extras; tolerant of a missing closing quote at line end. */
  private trailing(line: string, from: number, f: AccessLogFields): void {
    let pos = from;
    let quoted = 0;
    let haveDuration = false;
    const n = line.length;
    while (pos < n) {
      if (line.charCodeAt(pos) === 32) {
        pos++;
        continue;
      }
      if (line.charCodeAt(pos) === QUOTE) {
        let end = line.indexOf('" ', pos + 1);
        if (end < 0) end = line.charCodeAt(n - 1) === QUOTE && n - 1 > pos ? n - 1 : n;
        quoted++;
        // The referer (first quoted field) is not kept, so it is never sliced.
        if (quoted === 2) f.userAgent = line.slice(pos + 1, end);
        else if (quoted >= 3) this.extraQuoted(line.slice(pos + 1, end), f);
        pos = end + 1;
        continue;
      }
      let end = line.indexOf(' ', pos);
      if (end < 0) end = n;
      const eq = line.indexOf('="', pos);
      if (eq > 0 && eq < end) {
        // Key="value" (Tomcat `X-Forwarded-For="%{X-Forwarded-For}i"`); the value may hold spaces.
        let close = line.indexOf('"', eq + 2);
        if (close < 0) close = n;
        this.keyed(line.slice(pos, eq), line.slice(eq + 2, close), f);
        pos = close + 1;
        continue;
      }
      const bare = line.indexOf('=', pos);
      if (bare > 0 && bare < end) {
        // nginx `rt=$request_time` style; upstream timings (`urt=`, `uct=`, …) are not the request's.
        const key = line.slice(pos, bare);
        if (key === 'rt' || key === 'request_time' || key === 'reqtime') {
          const seconds = Number(line.slice(bare + 1, end));
          if (Number.isFinite(seconds) && seconds >= 0) {
            f.durationMs = seconds * 1000;
            haveDuration = true;
          }
        }
        pos = end + 1;
        continue;
      }
      if (!haveDuration) {
        const ms = parseDurationToken(line.slice(pos, end), this.ctx.integerDurationToMs);
        if (!Number.isNaN(ms)) {
          f.durationMs = ms;
          haveDuration = true;
        }
      }
      pos = end + 1;
    }
  }

  /** A third or later quoted field: an address list is X-Forwarded-For, `a=b` pairs are cookies. */
  private extraQuoted(value: string, f: AccessLogFields): void {
    if (value === '-' || value === '') return;
    const c = value.charCodeAt(0);
    if (value.indexOf('=') > 0) f.cookie ??= value;
    else if ((c >= 48 && c <= 57) || value.indexOf(':') >= 0) f.forwardedFor ??= value;
  }

  private keyed(key: string, value: string, f: AccessLogFields): void {
    const k = key.toLowerCase();
    if (k === 'x-forwarded-for') f.forwardedFor = value;
    else if (k === 'cookie') f.cookie = value;
    else if (k === 'user-agent') f.userAgent = value;
  }
}
