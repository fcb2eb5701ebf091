/**
 * IIS logs: W3C extended format, whose `#Fields:` directive may change mid-file (IIS rewrites the
 * header when its logging configuration changes), plus two layouts seen in the wild: W3C lines with
 * no header at all (IIS default field order, optionally extended by custom fields) and IIS's native
 * comma-separated format (`ex*.log` from IIS 5/6). W3C writes spaces inside values as `+`; times are UTC
 * and `time-taken` is in milliseconds.
 */
import type { Transaction } from '../../model/transaction.js';
import type { AccessLogContext } from './access-log-options.js';
import type { AccessLogFields, AccessLogRejection } from './access-log-record.js';
import { parseCount, toTransaction } from './access-log-record.js';
import { W3cTimestampParser } from './clf-timestamp.js';

/** Column index of each field the product uses, -1 when the header lacks it. */
interface W3cLayout {
  count: number;
  date: number;
  time: number;
  clientIp: number;
  user: number;
  method: number;
  stem: number;
  query: number;
  status: number;
  bytes: number;
  timeTaken: number;
  userAgent: number;
  cookie: number;
  forwardedFor: number;
}

export function layoutOfFields(fieldsLine: string): W3cLayout {
  const names = fieldsLine
    .replace(/^#Fields:\s*/i, '')
    .trim()
    .split(/\s+/)
    .map((n) => n.toLowerCase());
  const at = (...candidates: string[]) => names.findIndex((n) => candidates.includes(n));
  return {
    count: names.length,
    date: at('date'),
    time: at('time'),
    clientIp: at('c-ip'),
    user: at('cs-username'),
    method: at('cs-method'),
    stem: at('cs-uri-stem', 'cs-uri'),
    query: at('cs-uri-query'),
    status: at('sc-status'),
    bytes: at('sc-bytes'),
    timeTaken: at('time-taken'),
    userAgent: at('cs(user-agent)'),
    cookie: at('cs(cookie)'),
    forwardedFor: at('x-forwarded-for', 'cs(x-forwarded-for)', 'x-forwarded-for-header'),
  };
}

const HTTP_METHODS = new Set([
  'GET',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'RPC_IN_DATA',
  'RPC_OUT_DATA',
]);

function isInt(s: string | undefined): boolean {
  return s !== undefined && s.length > 0 && !Number.isNaN(parseCount(s, 0, s.length)) && s !== '-';
}

function plus(v: string | undefined): string | undefined {
  if (v === undefined || v === '-') return undefined;
  return v.indexOf('+') < 0 ? v : v.replaceAll('+', ' ');
}

function at(parts: string[], i: number): string | undefined {
  return i < 0 ? undefined : parts[i];
}

export class W3cParser {
  private readonly time = new W3cTimestampParser();
  private layout: W3cLayout | undefined;

  constructor(
    private readonly ctx: AccessLogContext,
    pattern?: string,
  ) {
    if (pattern) this.layout = layoutOfFields(pattern);
  }

  parse(line: string, lineNo: number): Transaction | AccessLogRejection | null {
    if (line.charCodeAt(0) === 35) {
      if (line.startsWith('#Fields:')) this.layout = layoutOfFields(line);
      return null; // #Software, #Version, #Date, #Remark: nothing to count.
    }
    const parts = line.split(' ');
    if (this.layout === undefined) {
      if (line.indexOf(', ') > 0 && parts.length > 1 && parts[0].endsWith(',')) return this.native(line, lineNo);
      return this.headerless(parts, lineNo);
    }
    const l = this.layout;
    if (parts.length !== l.count) {
      // Lines from another layout without a new header (concatenated logs): the default IIS order
      // still identifies them; if it does not, the mismatch is the reason.
      const fallback = this.headerless(parts, lineNo);
      if (!('reason' in fallback)) return fallback;
      return { line: lineNo, reason: `${parts.length} fields where #Fields declares ${l.count}` };
    }
    const query = at(parts, l.query);
    const stem = at(parts, l.stem) ?? '';
    return this.finish(lineNo, {
      date: at(parts, l.date),
      time: at(parts, l.time),
      method: at(parts, l.method) ?? '',
      url: query && query !== '-' ? `${stem}?${query}` : stem,
      status: at(parts, l.status),
      bytes: at(parts, l.bytes),
      timeTaken: at(parts, l.timeTaken),
      peer: at(parts, l.clientIp) ?? '',
      user: at(parts, l.user),
      userAgent: plus(at(parts, l.userAgent)),
      cookie: plus(at(parts, l.cookie)),
      forwardedFor: at(parts, l.forwardedFor),
    });
  }

  /**
   * No header: IIS's default order `date time s-ip cs-method cs-uri-stem cs-uri-query s-port
   * cs-username c-ip cs(User-Agent) …` with optional `s-computername` before `s-ip`, and after
   * `sc-status sc-substatus sc-win32-status` either `time-taken` or `sc-bytes cs-bytes time-taken`.
   */
  private headerless(p: string[], lineNo: number): Transaction | AccessLogRejection {
    let m = 2;
    while (m < 4 && !HTTP_METHODS.has(p[m])) m++;
    if (!HTTP_METHODS.has(p[m])) return { line: lineNo, reason: 'no #Fields header and no HTTP method in columns 3-5' };
    let s = m + 7;
    while (s + 2 < p.length && !(isInt(p[s]) && p[s].length === 3 && isInt(p[s + 1]) && isInt(p[s + 2]))) s++;
    if (s + 2 >= p.length) return { line: lineNo, reason: 'no #Fields header and no status triple found' };
    let ints = 0;
    while (isInt(p[s + 3 + ints])) ints++;
    const query = p[m + 2];
    return this.finish(lineNo, {
      date: p[0],
      time: p[1],
      method: p[m],
      url: query && query !== '-' ? `${p[m + 1]}?${query}` : p[m + 1],
      status: p[s],
      bytes: ints >= 3 ? p[s + 3] : undefined,
      timeTaken: ints >= 3 ? p[s + 5] : ints >= 1 ? p[s + 3] : undefined,
      peer: p[m + 5],
      user: p[m + 4],
      userAgent: plus(p[m + 6]),
      cookie: undefined,
      forwardedFor: undefined,
    });
  }

  /** IIS native: `c-ip, user, MM/DD/YY, H:MM:SS, service, server, s-ip, time-taken, cs-bytes, sc-bytes, status, win32, method, target, params,` */
  private native(line: string, lineNo: number): Transaction | AccessLogRejection {
    const p = line.split(', ');
    if (p.length < 14) return { line: lineNo, reason: `IIS native line with ${p.length} fields, expected 15` };
    const [mm, dd, yy] = p[2].split('/');
    const year = Number(yy) < 70 ? 2000 + Number(yy) : yy.length === 2 ? 1900 + Number(yy) : Number(yy);
    const time = p[3].length === 7 ? `0${p[3]}` : p[3];
    const params = p[14]?.replace(/,$/, '');
    return this.finish(lineNo, {
      date: `${year}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`,
      time,
      method: p[12],
      url: params && params !== '-' ? `${p[13]}?${params}` : p[13],
      status: p[10],
      bytes: p[9],
      timeTaken: p[7],
      peer: p[0],
      user: p[1],
      userAgent: undefined,
      cookie: undefined,
      forwardedFor: undefined,
    });
  }

  private finish(
    lineNo: number,
    r: {
      date: string | undefined;
      time: string | undefined;
      method: string;
      url: string;
      status: string | undefined;
      bytes: string | undefined;
      timeTaken: string | undefined;
      peer: string;
      user: string | undefined;
      userAgent: string | undefined;
      cookie: string | undefined;
      forwardedFor: string | undefined;
    },
  ): Transaction | AccessLogRejection {
    if (r.date === undefined || r.time === undefined) return { line: lineNo, reason: 'no date/time fields' };
    const time = this.time.parse(r.date, r.time);
    if (Number.isNaN(time)) return { line: lineNo, reason: `bad date/time '${r.date} ${r.time}'` };
    const status = r.status === undefined ? 0 : parseCount(r.status, 0, r.status.length);
    if (Number.isNaN(status)) return { line: lineNo, reason: `bad sc-status '${r.status}'` };
    const bytes = r.bytes === undefined ? 0 : parseCount(r.bytes, 0, r.bytes.length) || 0;
    const taken = r.timeTaken === undefined ? 0 : parseCount(r.timeTaken, 0, r.timeTaken.length) || 0;
    const f: AccessLogFields = {
      time,
      method: r.method === '-' ? '' : r.method,
      url: r.url === '-' ? '' : r.url,
      status,
      bytes,
      durationMs: taken * this.ctx.integerDurationToMs,
      peer: r.peer === '-' ? '' : r.peer,
      forwardedFor: r.forwardedFor,
      remoteUser: r.user,
      userAgent: r.userAgent,
      cookie: r.cookie,
      sessionId: undefined,
    };
    return toTransaction(this.ctx, f);
  }
}
