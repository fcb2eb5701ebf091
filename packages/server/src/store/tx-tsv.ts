/**
 * Transactions as tab-separated lines: the ingest journal's format for raw transactions and the
 * format DuckDB reads them in place (`read_csv`) until they are converted to Parquet.
 *
 * One line per transaction, the columns of the `transactions` table in its order (duckdb-schema.ts).
 * A field holding a tab, newline, carriage return, quote or backslash-N is quoted, quotes doubled
 * (RFC 4180, as DuckDB reads it); an absent value is an unquoted `\N`; booleans are `true`/`false`.
 * A line whose first field (the time) is absent is not a transaction: the journal's commit lines
 * (`commitLine`), which readers skip with `WHERE time_ms IS NOT NULL` (DuckDB's CSV `comment` option
 * would cut real values at any `#`, so it is not used).
 * Encoding builds one string per transaction with no intermediate object: about 0.7× the
 * instructions of JSON.stringify of the same transactions (callgrind, access-log-shaped rows).
 */
import type { Transaction } from '../model/transaction.js';
import { quote } from './ndjson-load-sql.js';
import { TRANSACTION_COLUMNS } from './duckdb-schema.js';

const NULL = '\\N';
const QUOTE = 0x22;
const TAB = 0x09;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const CAPITAL_N = 0x4e;
const NEEDS_QUOTES = /[\t\n\r"]/;

function text(v: string | undefined): string {
  if (v === undefined) return NULL;
  if (NEEDS_QUOTES.test(v) || v === NULL) return `"${v.replaceAll('"', '""')}"`;
  return v;
}

function num(v: number): string {
  return Number.isFinite(v) ? String(v) : '0';
}

/** The detail column: child-span summaries as JSON, absent when the transaction has none. */
function detailOf(tx: Transaction): string | undefined {
  if (tx.queries === undefined && tx.calls === undefined && tx.exceptions === undefined) return undefined;
  return JSON.stringify({ queries: tx.queries, calls: tx.calls, exceptions: tx.exceptions });
}

/**
 * One transaction as a TSV line, without its newline. Fast path: when no text value needs quoting
 * (checked value by value) and there is no detail, the values joined by tabs: `join` builds one flat
 * string, where a template literal of 35 parts builds a rope that the write then has to flatten
 * (with the whole-line check this replaced, 1.74 → 1.38 µs per real Apache log line, scratch
 * micro-benchmark). Else field by field, quoting where needed.
 */
export function transactionLine(tx: Transaction): string {
  if (
    tx.queries === undefined &&
    tx.calls === undefined &&
    tx.exceptions === undefined &&
    plain(tx.method) &&
    plain(tx.url) &&
    plain(tx.route) &&
    plain(tx.instance) &&
    plain(tx.service) &&
    plain(tx.clientIp) &&
    plain(tx.sessionId) &&
    plain(tx.visitorId) &&
    plain(tx.userId) &&
    plain(tx.userAgent) &&
    plain(tx.traceId) &&
    plain(tx.spanId)
  ) {
    return [
      num(Math.trunc(tx.time)),
      num(tx.durationMs),
      num(tx.status | 0),
      tx.error ? 'true' : 'false',
      tx.method,
      tx.url,
      tx.route,
      tx.instance,
      tx.service,
      tx.clientIp ?? '',
      tx.sessionId ?? NULL,
      tx.visitorId ?? NULL,
      tx.userId ?? NULL,
      tx.userAgent ?? NULL,
      num(tx.bytes),
      tx.traceId ?? NULL,
      tx.spanId ?? NULL,
      NULL,
    ].join('\t');
  }
  const detail = detailOf(tx);
  return `${num(Math.trunc(tx.time))}\t${num(tx.durationMs)}\t${num(tx.status | 0)}\t${tx.error ? 'true' : 'false'}\t${text(tx.method)}\t${text(tx.url)}\t${text(tx.route)}\t${text(tx.instance)}\t${text(tx.service)}\t${text(tx.clientIp ?? '')}\t${text(tx.sessionId)}\t${text(tx.visitorId)}\t${text(tx.userId)}\t${text(tx.userAgent)}\t${num(tx.bytes)}\t${text(tx.traceId)}\t${text(tx.spanId)}\t${text(detail)}`;
}

/** True when a text value goes into a line as it is: absent, or nothing to quote and not literally `\N`. */
function plain(v: string | undefined): boolean {
  return v === undefined || (!NEEDS_QUOTES.test(v) && v !== NULL);
}

const FIELDS = TRANSACTION_COLUMNS.split(',').length;

/**
 * A batch's commit line: no time, then sequence number, record count and crc32 in the duration,
 * status and method columns, so DuckDB reads it as a row of the right types that readers skip.
 */
export function commitLine(seq: number, count: number, crc: number): string {
  return `${NULL}\t${seq}\t${count}\t${NULL}\t${crc}${`\t${NULL}`.repeat(FIELDS - 5)}\n`;
}

/** Reads a commit line starting at `at` (it starts with `\N` and a tab); undefined if it is not one. */
export function readCommitLine(
  buf: Buffer,
  at: number,
): { seq: number; count: number; crc: number; next: number } | undefined {
  const end = buf.indexOf(NEWLINE, at);
  if (end < 0) return undefined;
  const f = buf.toString('latin1', at, end).split('\t');
  if (f.length !== FIELDS || f[0] !== NULL) return undefined;
  const [seq, count, crc] = [Number(f[1]), Number(f[2]), Number(f[4])];
  if (!Number.isSafeInteger(seq) || !Number.isSafeInteger(count) || !Number.isSafeInteger(crc)) return undefined;
  return { seq, count, crc, next: end + 1 };
}

/** True when the line at `at` is a commit line (transactions always have a time). */
export function isCommitLine(buf: Buffer, at: number): boolean {
  return buf[at] === BACKSLASH && buf[at + 1] === CAPITAL_N && buf[at + 2] === TAB;
}

/**
 * Reads one TSV transaction line starting at byte `at` of `buf` (a quoted field may span lines);
 * returns the transaction and the offset after its newline, or undefined when the line is torn
 * (ends before its last field) or malformed.
 */
export function readTransactionLine(buf: Buffer, at: number): { tx: Transaction; next: number } | undefined {
  const fields: (string | undefined)[] = [];
  let i = at;
  for (;;) {
    let value: string | undefined;
    if (buf[i] === QUOTE) {
      let out = '';
      let from = i + 1;
      for (;;) {
        const q = buf.indexOf(QUOTE, from);
        if (q < 0) return undefined;
        out += buf.toString('utf8', from, q);
        if (buf[q + 1] === QUOTE) {
          out += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = out;
    } else {
      let end = i;
      while (end < buf.length && buf[end] !== TAB && buf[end] !== NEWLINE) end++;
      const raw = buf.toString('utf8', i, end);
      value = raw === NULL ? undefined : raw;
      i = end;
    }
    fields.push(value);
    if (i >= buf.length) return undefined;
    if (buf[i] === NEWLINE) break;
    if (buf[i] !== TAB) return undefined;
    i++;
  }
  if (fields.length !== FIELDS) return undefined;
  return { tx: transactionOfFields(fields), next: i + 1 };
}

function transactionOfFields(f: (string | undefined)[]): Transaction {
  const tx: Transaction = {
    time: Number(f[0]),
    durationMs: Number(f[1]),
    status: Number(f[2]),
    error: f[3] === 'true',
    method: f[4] ?? '',
    url: f[5] ?? '',
    route: f[6] ?? '',
    instance: f[7] ?? '',
    service: f[8] ?? '',
    clientIp: f[9] ?? '',
    bytes: Number(f[14]),
  };
  if (f[10] !== undefined) tx.sessionId = f[10];
  if (f[11] !== undefined) tx.visitorId = f[11];
  if (f[12] !== undefined) tx.userId = f[12];
  if (f[13] !== undefined) tx.userAgent = f[13];
  if (f[15] !== undefined) tx.traceId = f[15];
  if (f[16] !== undefined) tx.spanId = f[16];
  if (f[17] !== undefined) {
    const detail = JSON.parse(f[17]) as Pick<Transaction, 'queries' | 'calls' | 'exceptions'>;
    if (detail.queries !== undefined) tx.queries = detail.queries;
    if (detail.calls !== undefined) tx.calls = detail.calls;
    if (detail.exceptions !== undefined) tx.exceptions = detail.exceptions;
  }
  return tx;
}

/**
 * A query of every transaction in TSV files (columns typed and in the table's order, commit lines
 * skipped): `SELECT * FROM (…)`-able text for views and COPY.
 */
export function selectTsvSql(files: readonly string[]): string {
  return `SELECT * FROM ${readTsvSql(files)} WHERE time_ms IS NOT NULL`;
}

/** DuckDB `read_csv` over TSV transaction files, commit lines included. */
function readTsvSql(files: readonly string[]): string {
  const columns = TRANSACTION_COLUMNS.split(',')
    .map((c) => c.trim().split(/\s+/))
    .map(([name, type]) => `'${name}': '${type}'`)
    .join(', ');
  return `read_csv([${files.map(quote).join(', ')}], delim = '\t', header = false, quote = '"', escape = '"',
    nullstr = '\\N', allow_quoted_nulls = false, new_line = '\\n', auto_detect = false, strict_mode = true,
    columns = {${columns}})`;
}
