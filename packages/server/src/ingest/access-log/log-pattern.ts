/**
 * Compiles a configured log layout into a parser: Apache/Tomcat `LogFormat`/AccessLogValve directives
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

type FieldKind =
  | 'peer'
  | 'user'
  | 'time'
  | 'request'
  | 'method'
  | 'path'
  | 'query'
  | 'status'
  | 'bytes'
  | 'duration-us'
  | 'duration-ms'
  | 'duration-s'
  | 'duration-native'
  | 'user-agent'
  | 'cookie'
  | 'forwarded-for'
  | 'session'
  | 'cookie-session'
  | 'ignore';

type Item = { lit: string } | { field: FieldKind; name: string };

function headerField(name: string): FieldKind {
  switch (name.toLowerCase()) {
    case 'user-agent':
      return 'user-agent';
    case 'cookie':
      return 'cookie';
    case 'x-forwarded-for':
      return 'forwarded-for';
    default:
      return 'ignore';
  }
}

/** Apache/Tomcat directive letter (with optional `{arg}`) → field. */
function percentField(letter: string, arg: string | undefined, sessionCookie: string): FieldKind {
  // With an argument most letters mean something else (`%{x}r` request attribute, `%{x}s` session
  // attribute, `%{format}t` custom time): only headers, cookies and %{unit}T are read.
  if (arg !== undefined && letter !== 'i' && letter !== 'c' && letter !== 'T') return 'ignore';
  switch (letter) {
    case 'h':
    case 'a':
      return letter === 'h' ? 'peer' : 'ignore';
    case 'u':
      return 'user';
    case 't':
      return 'time';
    case 'r':
      return 'request';
    case 'm':
      return 'method';
    case 'U':
      return 'path';
    case 'q':
      return 'query';
    case 's':
      return 'status';
    case 'b':
    case 'B':
      return 'bytes';
    case 'D':
      return 'duration-native';
    case 'T':
      return arg === 'ms' ? 'duration-ms' : arg === 'us' ? 'duration-us' : 'duration-s';
    case 'i':
      return arg === undefined ? 'ignore' : headerField(arg);
    case 'c':
      return arg === sessionCookie ? 'cookie-session' : 'ignore';
    case 'S':
      return 'session';
    default:
      return 'ignore';
  }
}

const NGINX_FIELDS: Record<string, FieldKind> = {
  remote_addr: 'peer',
  remote_user: 'user',
  time_local: 'time',
  request: 'request',
  request_method: 'method',
  uri: 'path',
  request_uri: 'path',
  args: 'query',
  status: 'status',
  body_bytes_sent: 'bytes',
  bytes_sent: 'bytes',
  request_time: 'duration-s',
  http_user_agent: 'user-agent',
  http_cookie: 'cookie',
  http_x_forwarded_for: 'forwarded-for',
};

/** Splits a pattern into literals and fields. Throws on a pattern no line could match. */
/** AccessLogValve's (and Apache's conventional) named patterns. */
const NAMED_PATTERNS: Record<string, string> = {
  common: '%h %l %u %t "%r" %s %b',
  combined: '%h %l %u %t "%r" %s %b "%{Referer}i" "%{User-Agent}i"',
};

export function compileLogPattern(pattern: string, sessionCookie: string): Item[] {
  pattern = NAMED_PATTERNS[pattern.trim()] ?? pattern;
  const items: Item[] = [];
  let lit = '';
  const pushField = (field: FieldKind, name: string) => {
    if (lit !== '') items.push({ lit });
    else if (items.length > 0 && 'field' in items[items.length - 1]) {
      throw new Error(`fields '${(items[items.length - 1] as { name: string }).name}' and '${name}' have no separator`);
    }
    lit = '';
    items.push({ field, name });
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%' && i + 1 < pattern.length) {
      let j = i + 1;
      if (pattern[j] === '%') {
        lit += '%';
        i = j;
        continue;
      }
      while (
        pattern[j] === '>' ||
        pattern[j] === '<' ||
        pattern[j] === '!' ||
        pattern[j] === ',' ||
        /\d/.test(pattern[j])
      )
        j++;
      let arg: string | undefined;
      if (pattern[j] === '{') {
        const end = pattern.indexOf('}', j);
        if (end < 0) throw new Error(`unterminated %{…} at column ${i + 1}`);
        arg = pattern.slice(j + 1, end);
        j = end + 1;
      }
      const letter = pattern[j];
      if (!letter) throw new Error('pattern ends inside a % directive');
      pushField(percentField(letter, arg, sessionCookie), `%${arg ? `{${arg}}` : ''}${letter}`);
      i = j;
    } else if (c === '$' && /[a-z_]/i.test(pattern[i + 1] ?? '')) {
      let j = i + 1;
      while (j < pattern.length && /[a-z0-9_]/i.test(pattern[j])) j++;
      const name = pattern.slice(i + 1, j);
      const kind =
        NGINX_FIELDS[name] ??
        (name === `cookie_${sessionCookie}`
          ? 'cookie-session'
          : name.startsWith('http_')
            ? headerField(name.slice(5).replace(/_/g, '-'))
            : 'ignore');
      pushField(kind, `$${name}`);
      i = j - 1;
    } else {
      lit += c;
    }
  }
  if (lit !== '') items.push({ lit });
  if (!items.some((it) => 'field' in it && it.field === 'time'))
    throw new Error('pattern has no time field (%t or $time_local)');
  if (!items.some((it) => 'field' in it && (it.field === 'request' || it.field === 'path'))) {
    throw new Error('pattern has no request field (%r, %U, $request or $request_uri)');
  }
  return items;
}

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
