/**
 * Parses lines of a configured log layout (compiled by log-pattern-compile): Apache/Tomcat directives
 * (`%h %l %u %t "%r" %s %b %D`, `%{Cookie}i`, `%{JSESSIONID}c`, `%S`, …) or nginx `log_format`
 * variables (`$remote_addr … [$time_local] "$request" … $request_time`). The compiled form is a list
 * of literals and fields; each field ends where the next literal starts (found with indexOf), so a
 * pattern costs no more per line than the hand-rolled default parser.
 */
import type { Transaction } from '../../model/transaction.js';
import type { AccessLogContext } from './access-log-options.js';
import type { AccessLogFields, AccessLogRejection } from './access-log-record.js';
import { parseCount, parseDurationToken, splitRequestLine, toTransaction } from './access-log-record.js';
import { ClfTimestampParser } from './clf-timestamp.js';
import type { FieldKind, Item } from './log-pattern-compile.js';
import { compileLogPattern } from './log-pattern-compile.js';

/** Parses lines of one compiled pattern. */
export class PatternParser {
  private readonly time = new ClfTimestampParser();
  private readonly items: Item[];

  constructor(
    private readonly ctx: AccessLogContext,
    pattern: string,
  ) {
    this.items = compileLogPattern(pattern, ctx.sessionCookie);
  }

  parse(line: string, lineNo: number): Transaction | AccessLogRejection {
    const f: AccessLogFields = {
      time: NaN,
      method: '',
      url: '',
      status: 0,
      bytes: 0,
      durationMs: 0,
      peer: '',
      forwardedFor: undefined,
      remoteUser: undefined,
      userAgent: undefined,
      cookie: undefined,
      sessionId: undefined,
    };
    let query = '';
    let pos = 0;
    const items = this.items;
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      if ('lit' in item) {
        if (pos === line.length && k + 1 === items.length) break;
        if (!line.startsWith(item.lit, pos)) {
          return { line: lineNo, reason: `expected '${item.lit}' at column ${pos + 1}` };
        }
        pos += item.lit.length;
        continue;
      }
      const next = items[k + 1] as { lit: string } | undefined;
      let end: number;
      if (item.field === 'time' && line.charCodeAt(pos) === 91) {
        end = line.indexOf(']', pos) + 1; // Apache %t includes its brackets and a space.
        if (end === 0) return { line: lineNo, reason: 'unterminated [timestamp]' };
      } else if (next === undefined) {
        end = line.length;
      } else if (k + 2 === items.length) {
        // The closing literal ends the line: anchor on it from the end (a user agent may hold a
        // quote), and tolerate its absence (truncated lines are common at the end of a file).
        const tail = line.length - next.lit.length;
        end = tail >= pos && line.endsWith(next.lit) ? tail : line.length;
      } else {
        end = line.indexOf(next.lit, pos);
        if (end < 0) return { line: lineNo, reason: `field ${item.name} not terminated by '${next.lit}'` };
      }
      const bad = this.assign(f, item.field, line, pos, end);
      if (bad !== undefined) return { line: lineNo, reason: `bad ${item.name} '${line.slice(pos, end)}'${bad}` };
      if (item.field === 'query') query = line.slice(pos, end);
      pos = end;
    }
    if (Number.isNaN(f.time)) return { line: lineNo, reason: 'no timestamp' };
    if (query !== '' && query !== '-') f.url += query.startsWith('?') ? query : `?${query}`;
    return toTransaction(this.ctx, f);
  }

  /** Stores one field; returns a reason suffix when the value is unusable. */
  private assign(f: AccessLogFields, kind: FieldKind, line: string, start: number, end: number): string | undefined {
    switch (kind) {
      case 'time': {
        const from = line.charCodeAt(start) === 91 ? start + 1 : start;
        f.time = this.time.parse(line, from);
        return Number.isNaN(f.time) ? '' : undefined;
      }
      case 'status':
        f.status = parseCount(line, start, end);
        return f.status >= 100 && f.status <= 999 ? undefined : '';
      case 'bytes':
        f.bytes = parseCount(line, start, end);
        return Number.isNaN(f.bytes) ? '' : undefined;
      case 'request': {
        const r = splitRequestLine(line.slice(start, end));
        f.method = r.method;
        f.url = r.url;
        return undefined;
      }
      case 'duration-native':
      case 'duration-us':
      case 'duration-ms':
      case 'duration-s': {
        const unit =
          kind === 'duration-native'
            ? this.ctx.integerDurationToMs
            : kind === 'duration-us'
              ? 0.001
              : kind === 'duration-ms'
                ? 1
                : 1000;
        const ms = parseDurationToken(line.slice(start, end), unit);
        if (!Number.isNaN(ms)) f.durationMs = ms;
        return undefined;
      }
      case 'peer':
        f.peer = line.slice(start, end);
        return undefined;
      case 'user':
        f.remoteUser = line.slice(start, end);
        return undefined;
      case 'method':
        f.method = line.slice(start, end);
        return undefined;
      case 'path':
        f.url = line.slice(start, end);
        return undefined;
      case 'user-agent':
        f.userAgent = line.slice(start, end);
        return undefined;
      case 'cookie':
        f.cookie = line.slice(start, end);
        return undefined;
      case 'forwarded-for':
        f.forwardedFor = line.slice(start, end);
        return undefined;
      case 'session':
      case 'cookie-session':
        f.sessionId = line.slice(start, end);
        return undefined;
      case 'query':
      case 'ignore':
        return undefined;
    }
  }
}
