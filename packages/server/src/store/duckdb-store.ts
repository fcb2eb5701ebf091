/**
 * The embedded store: DuckDB in `<dataDir>/promptops.duckdb`. The collector's raw transactions are
 * files DuckDB reads in place (raw-tier.ts: its TSV journal segments, then Parquet); other raw rows go
 * in through Appenders (bulk, no SQL per row) or as journal files read by DuckDB's native JSON reader;
 * rollup upserts stage rows through an Appender and replace by (instance, start) in one statement pair.
 * Every write runs inside one transaction on a single write connection, queued so writes never
 * interleave; reads use their own connection and see committed data only.
 * DuckDB allows one writing process per file: opening a file another process holds fails fast.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBValue, DuckDBConnection } from '@duckdb/node-api';
import { PromptOpsError } from '../errors/promptops-error.js';
import type { LogRecord, MetricSample, SessionEvent } from '../model/telemetry.js';
import type { Transaction } from '../model/transaction.js';
import { ROLLUP_LEVELS } from '../rollup/rollup-row.js';
import type { RollupLevel, RollupRow } from '../rollup/rollup-row.js';
import { ROWS_TABLE, SCHEMA_SQL, rollupTable, stageTable } from './duckdb-schema.js';
import {
  TRANSACTION_SELECT,
  appendLog,
  appendMetric,
  appendSessionEvent,
  appendTransaction,
  logFromJs,
  metricFromJs,
  sessionEventFromJs,
  transactionFromJs,
} from './raw-codec.js';
import { ndjsonInsertSql } from './ndjson-load-sql.js';
import { RawTier } from './raw-tier.js';
import { DuckDbAggregates } from './duckdb-aggregates.js';
import { ROLLUP_SELECT, ROLLUP_SELECT_NO_SKETCH, appendRollupRow, rollupRowFromJs } from './rollup-codec.js';
import { sessionSummariesSql, sessionSummaryFromJs } from './session-summary-sql.js';
import { transactionWhereSql } from './transaction-filter-sql.js';
import { MAX_QUERY_OFFSET, MAX_QUERY_ROWS } from './store.js';
import type { SessionQuery, SessionSummary, Store, StoreBatch, TimeRange, TransactionQuery } from './store.js';

export const DATABASE_FILE = 'promptops.duckdb';
const DEFAULT_LIMIT = 1000;
/** A total order of transactions for paging (rows equal in all of these are alike for any reader). */
const PAGE_ORDER =
  'time_ms, instance, trace_id, span_id, session_id, client_ip, user_id, visitor_id, url, method, status, duration_ms, bytes, user_agent, detail';
/**
 * DuckDB threads while a batch with raw files loads and commits. Bulk-loading journal segments on one
 * thread costs about half the CPU per row of the default (one per core): the parallel JSON reader and
 * checkpoint spend the difference coordinating, and on a 2-core machine they compete with the event
 * loop that is ingesting. `threads` is instance-wide, so reads running during that load and commit
 * get one thread too; the default is restored right after.
 */
const LOAD_THREADS = 1;
/** How long a failed conversion of raw files to Parquet waits before the next try. */
const CONVERSION_RETRY_MS = 60_000;

export class DuckDbStore implements Store {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The raw-file list version the read connection's `transactions` view was built from. */
  private viewVersion = -1;
  /** After a failed conversion to Parquet, the next is not tried before this (epoch ms). */
  private conversionRetryAt = 0;
  readonly aggregates = new DuckDbAggregates((sql, params, txRange) => this.select(sql, params, txRange));

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    /** The instance's own `threads` setting, restored after each raw-file load. */
    private readonly threads: number,
    /** Raw transaction files (absent for `:memory:` and for a read-only database of an earlier version). */
    private readonly raw: RawTier | null,
    /** False for a read-only database of an earlier version: its `transactions` is still a table. */
    private readonly withView: boolean,
  ) {}

  /**
   * Opens (creating if needed) the database of a data directory; `:memory:` for a throwaway store.
   * `readOnly` opens an existing database and writes nothing (no directory, no schema); DuckDB's file
   * lock then refuses it while another process holds the database for writing.
   */
  static async open(dataDir: string | ':memory:', options: { readOnly?: boolean } = {}): Promise<DuckDbStore> {
    const readOnly = options.readOnly === true && dataDir !== ':memory:';
    let file = ':memory:';
    if (dataDir !== ':memory:') {
      if (!readOnly) fs.mkdirSync(dataDir, { recursive: true });
      file = path.join(dataDir, DATABASE_FILE);
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(file, readOnly ? { access_mode: 'READ_ONLY' } : undefined);
    } catch (err) {
      throw new PromptOpsError('unavailable', `cannot open ${file} (is another promptops process writing it?)`, {
        cause: err,
      });
    }
    const writer = await instance.connect();
    const reader = await instance.connect();
    if (!readOnly) {
      await renameOldTransactionsTable(writer);
      for (const sql of SCHEMA_SQL) await writer.run(sql);
    }
    const tables = await tableNames(writer);
    const raw =
      dataDir !== ':memory:' && tables.has('raw_files') ? await RawTier.open(dataDir, writer, readOnly) : null;
    const threads = await writer.runAndReadAll(`SELECT current_setting('threads')::INTEGER AS n`);
    const threadCount = Number(threads.getRowObjectsJS()[0].n);
    return new DuckDbStore(instance, writer, reader, threadCount, raw, tables.has(ROWS_TABLE));
  }

  writeBatch(batch: StoreBatch): Promise<void> {
    const files = batch.rawFiles ?? {};
    const segments = batch.rawTransactionSegments ?? [];
    if (segments.length > 0 && this.raw === null)
      return Promise.reject(new PromptOpsError('internal', 'raw transaction files need a store in a data directory'));
    // [record kind, table, JSON-lines files]: transactions journaled as JSON by earlier versions go to the rows table.
    const loads = [
      ['transactions', ROWS_TABLE, files.transactions],
      ['metrics', 'metrics', files.metrics],
      ['logs', 'logs', files.logs],
      ['session_events', 'session_events', files.sessionEvents],
    ] as const;
    const loading = loads.some(([, , list]) => list !== undefined && list.length > 0);
    return this.serial(async () => {
      const linked = segments.length > 0 ? this.raw!.link(segments) : [];
      const narrowed = loading || linked.length > 0;
      if (narrowed) await this.writer.run(`SET threads = ${LOAD_THREADS}`);
      await this.writer.run('BEGIN TRANSACTION');
      try {
        await this.raw?.list(this.writer, linked);
        await this.appendAll(ROWS_TABLE, batch.transactions, appendTransaction);
        await this.appendAll('metrics', batch.metrics, appendMetric);
        await this.appendAll('logs', batch.logs, appendLog);
        await this.appendAll('session_events', batch.sessionEvents, appendSessionEvent);
        for (const [kind, table, list] of loads)
          if (list !== undefined && list.length > 0) await this.writer.run(ndjsonInsertSql(kind, list, table));
        if (batch.rollups !== undefined && batch.rollups.length > 0) await this.replaceRollups(batch.rollups);
        for (const [key, value] of Object.entries(batch.state ?? {}))
          await this.writer.run('INSERT OR REPLACE INTO collector_state VALUES ($1, $2)', [key, value]);
        await this.writer.run('COMMIT');
      } catch (err) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        if (narrowed) await this.writer.run(`SET threads = ${this.threads}`).catch(() => undefined);
        throw PromptOpsError.from(err);
      }
      this.raw?.committed(linked);
      try {
        // Committed above: a failed conversion leaves the TSV files listed, readable, for a later try.
        if (this.raw?.conversionDue() === true && Date.now() >= this.conversionRetryAt) await this.convertRaw();
      } finally {
        if (narrowed) await this.writer.run(`SET threads = ${this.threads}`).catch(() => undefined);
      }
    });
  }

  /**
   * Converts the pending TSV transaction files to Parquet now instead of at the next due flush, and
   * merges small Parquet files if enough have gathered (benchmarks count the conversion; tools that
   * want columnar files at once).
   */
  compactRaw(): Promise<void> {
    return this.serial(async () => {
      await this.writer.run(`SET threads = ${LOAD_THREADS}`);
      try {
        await this.convertRaw();
      } finally {
        await this.writer.run(`SET threads = ${this.threads}`).catch(() => undefined);
      }
    });
  }

  /** Raw transaction files by format (TSV pending, Parquet converted). */
  rawSummary(): ReturnType<RawTier['summary']> | null {
    return this.raw?.summary() ?? null;
  }

  /** Converts the pending TSV files, then merges small Parquet files when enough have gathered. */
  private async convertRaw(): Promise<void> {
    try {
      await this.raw?.convert(this.writer);
      if (this.raw?.mergeDue() === true) await this.raw.merge(this.writer);
    } catch (err) {
      this.conversionRetryAt = Date.now() + CONVERSION_RETRY_MS;
      process.stderr.write(
        `promptops: converting raw transactions to Parquet failed; they stay readable as they are, next try in ` +
          `${CONVERSION_RETRY_MS / 1000} s: ${String(err)}\n`,
      );
    }
  }

  appendTransactions(txs: Transaction[]): Promise<void> {
    return this.writeBatch({ transactions: txs });
  }
  appendMetrics(samples: MetricSample[]): Promise<void> {
    return this.writeBatch({ metrics: samples });
  }
  appendLogs(records: LogRecord[]): Promise<void> {
    return this.writeBatch({ logs: records });
  }
  appendSessionEvents(events: SessionEvent[]): Promise<void> {
    return this.writeBatch({ sessionEvents: events });
  }
  upsertRollups(rows: RollupRow[]): Promise<void> {
    return this.writeBatch({ rollups: rows });
  }

  async readState(key: string): Promise<string | undefined> {
    const rows = await this.select('SELECT value FROM collector_state WHERE key = $1', [key]);
    const value = rows[0]?.value;
    return typeof value === 'string' ? value : undefined;
  }

  async queryRollups(
    q: TimeRange & { level: RollupLevel; instance?: string; withSketches?: boolean },
  ): Promise<RollupRow[]> {
    const params: DuckDBValue[] = [q.from, q.to];
    let where = 'start_ms >= $1 AND start_ms < $2';
    if (q.instance !== undefined) {
      params.push(q.instance);
      where += ' AND instance = $3';
    }
    const sql = `SELECT ${q.withSketches === false ? ROLLUP_SELECT_NO_SKETCH : ROLLUP_SELECT} FROM ${rollupTable(q.level)} WHERE ${where} ORDER BY start_ms, instance`;
    return (await this.select(sql, params)).map((r) => rollupRowFromJs(q.level, r));
  }

  async queryTransactions(q: TransactionQuery): Promise<Transaction[]> {
    const { where, params } = transactionWhereSql(q);
    const order = q.order === 'duration' ? 'duration_ms DESC, ' : q.order === 'bytes' ? 'bytes DESC, ' : '';
    const offset = Math.max(0, Math.min(Math.trunc(q.offset ?? 0), MAX_QUERY_OFFSET));
    // Ties broken on the columns that tell rows apart, so pages of one range neither repeat nor skip rows.
    const sql = `SELECT ${TRANSACTION_SELECT} FROM transactions WHERE ${where} ORDER BY ${order}${PAGE_ORDER}
      LIMIT ${limitOf(q.limit)} OFFSET ${offset}`;
    return (await this.select(sql, params, q)).map(transactionFromJs);
  }

  async countTransactions(q: TransactionQuery): Promise<number> {
    const { where, params } = transactionWhereSql(q);
    const rows = await this.select(`SELECT count(*)::DOUBLE AS n FROM transactions WHERE ${where}`, params, q);
    return Number(rows[0]?.n ?? 0);
  }

  async queryMetrics(q: TimeRange & { instance?: string; metric?: MetricSample['metric'] }): Promise<MetricSample[]> {
    const conds = ['time_ms >= $1', 'time_ms < $2'];
    const params: DuckDBValue[] = [q.from, q.to];
    if (q.instance !== undefined) conds.push(`instance = $${params.push(q.instance)}`);
    if (q.metric !== undefined) conds.push(`metric = $${params.push(q.metric)}`);
    const sql = `SELECT time_ms::DOUBLE AS time_ms, instance, metric, value, "limit" FROM metrics WHERE ${conds.join(' AND ')} ORDER BY time_ms`;
    return (await this.select(sql, params)).map(metricFromJs);
  }

  async queryLogs(q: TimeRange & { instance?: string; severity?: string; limit?: number }): Promise<LogRecord[]> {
    const conds = ['time_ms >= $1', 'time_ms < $2'];
    const params: DuckDBValue[] = [q.from, q.to];
    if (q.instance !== undefined) conds.push(`instance = $${params.push(q.instance)}`);
    if (q.severity !== undefined) conds.push(`severity = $${params.push(q.severity.toUpperCase())}`);
    const sql = `SELECT time_ms::DOUBLE AS time_ms, * EXCLUDE (time_ms) FROM logs WHERE ${conds.join(' AND ')} ORDER BY time_ms LIMIT ${limitOf(q.limit)}`;
    return (await this.select(sql, params)).map(logFromJs);
  }

  async querySessionEvents(q: TimeRange & { instance?: string; limit?: number }): Promise<SessionEvent[]> {
    const conds = ['time_ms >= $1', 'time_ms < $2'];
    const params: DuckDBValue[] = [q.from, q.to];
    if (q.instance !== undefined) conds.push(`instance = $${params.push(q.instance)}`);
    const sql = `SELECT time_ms::DOUBLE AS time_ms, * EXCLUDE (time_ms) FROM session_events WHERE ${conds.join(' AND ')} ORDER BY time_ms LIMIT ${limitOf(q.limit)}`;
    return (await this.select(sql, params)).map(sessionEventFromJs);
  }

  async querySessions(q: SessionQuery): Promise<SessionSummary[]> {
    const { sql, params } = sessionSummariesSql(q, limitOf(q.limit));
    return (await this.select(sql, params, q)).map(sessionSummaryFromJs);
  }

  prune(now: number, retentionMs: Partial<Record<RollupLevel | 'transactions', number>>): Promise<number> {
    return this.serial(async () => {
      let removed = 0;
      const del = async (table: string, column: string, keepMs: number | undefined): Promise<void> => {
        if (keepMs === undefined) return;
        const r = await this.writer.run(`DELETE FROM ${table} WHERE ${column} < $1`, [now - keepMs]);
        removed += r.rowsChanged;
      };
      for (const level of ROLLUP_LEVELS) await del(rollupTable(level), 'start_ms', retentionMs[level]);
      for (const table of [ROWS_TABLE, 'metrics', 'logs', 'session_events'])
        await del(table, 'time_ms', retentionMs.transactions);
      if (this.raw !== null && retentionMs.transactions !== undefined)
        removed += await this.raw.prune(this.writer, now - retentionMs.transactions);
      return removed;
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    // CHECKPOINT folds the WAL into the database file so the next open starts fast.
    await this.writer.run('CHECKPOINT').catch(() => undefined);
    this.writer.closeSync();
    this.reader.closeSync();
    this.instance.closeSync();
  }

  private async replaceRollups(rows: readonly RollupRow[]): Promise<void> {
    const byLevel = new Map<RollupLevel, Map<string, RollupRow>>();
    for (const row of rows) {
      let m = byLevel.get(row.level);
      if (m === undefined) byLevel.set(row.level, (m = new Map()));
      m.set(`${row.instance}\u0000${row.start}`, row); // last write of a key wins
    }
    for (const [level, m] of byLevel) {
      await this.appendAll(stageTable(level), [...m.values()], appendRollupRow);
      const t = rollupTable(level);
      const s = stageTable(level);
      await this.writer.run(
        `DELETE FROM ${t} USING ${s} WHERE ${t}.instance = ${s}.instance AND ${t}.start_ms = ${s}.start_ms`,
      );
      await this.writer.run(`INSERT INTO ${t} SELECT * FROM ${s}`);
      await this.writer.run(`DELETE FROM ${s}`);
    }
  }

  private async appendAll<T>(
    table: string,
    rows: readonly T[] | undefined,
    write: (a: DuckDBAppender, row: T) => void,
  ): Promise<void> {
    if (rows === undefined || rows.length === 0) return;
    const appender = await this.writer.createAppender(table);
    try {
      for (const row of rows) write(appender, row);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  /**
   * Runs a read. `txRange`, when given, covers every row of `transactions` the query can match: it
   * then reads only the raw files whose times meet it (a `transactions` CTE in front of the query's
   * own), instead of the view over every file.
   */
  private async select(sql: string, params: DuckDBValue[], txRange?: TimeRange): Promise<Record<string, unknown>[]> {
    if (this.closed) throw new PromptOpsError('unavailable', 'store is closed');
    if (this.withView && this.raw !== null && txRange !== undefined)
      sql = withTransactions(sql, this.raw.sourceSql(txRange));
    else if (this.withView && this.viewVersion !== (this.raw?.version ?? 0) && /\btransactions\b/.test(sql)) {
      // Built when a read without a range needs it: binding the view checks every listed file.
      await this.reader.run(
        this.raw?.viewSql() ?? `CREATE OR REPLACE TEMP VIEW transactions AS SELECT * FROM ${ROWS_TABLE}`,
      );
      this.viewVersion = this.raw?.version ?? 0;
    }
    const reader = await this.reader.runAndReadAll(sql, params);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new PromptOpsError('unavailable', 'store is closed'));
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** `sql` with `transactions` bound to `source` (a CTE, not materialised: filters still reach the files). */
function withTransactions(sql: string, source: string): string {
  const cte = `transactions AS NOT MATERIALIZED (${source})`;
  const own = /^\s*WITH\s+/i.exec(sql);
  return own === null ? `WITH ${cte} ${sql}` : `WITH ${cte}, ${sql.slice(own[0].length)}`;
}

function limitOf(limit: number | undefined): number {
  return Math.max(1, Math.min(Math.trunc(limit ?? DEFAULT_LIMIT), MAX_QUERY_ROWS));
}

async function tableNames(conn: DuckDBConnection): Promise<Set<string>> {
  const rows = await conn.runAndReadAll(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'`,
  );
  return new Set(rows.getRowObjectsJS().map((r) => String(r.table_name)));
}

/** A database of an earlier version kept raw transactions in the table `transactions`: the view's name now. */
async function renameOldTransactionsTable(conn: DuckDBConnection): Promise<void> {
  const tables = await tableNames(conn);
  if (tables.has('transactions') && !tables.has(ROWS_TABLE))
    await conn.run(`ALTER TABLE transactions RENAME TO ${ROWS_TABLE}`);
}
