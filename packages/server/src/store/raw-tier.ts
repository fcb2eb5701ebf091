/**
 * Raw transactions as files DuckDB reads in place, instead of rows inserted into a DuckDB table.
 *
 * Inserting into a DuckDB table costs 4–12 µs of CPU per row (load, commit, checkpoint); the ingest
 * journal already writes every transaction once, as TSV. So a flush hard-links each closed TSV
 * journal segment into `<dataDir>/raw/` (no copy, no parse) and records it in `raw_files`, in the
 * same DuckDB transaction as the journal checkpoint: from then on it is raw storage, read by DuckDB's
 * CSV reader. Every few minutes (or million rows) the pending TSV files are converted by DuckDB into
 * one Parquet file (columnar, compressed, row groups skipped by their time statistics), in one
 * transaction that swaps the rows of `raw_files`; the TSV files are deleted after it commits.
 *
 * Readers see `transactions`: the table of directly appended rows (`transactions_rows`), the Parquet
 * files and the pending TSV files; a read with a time range sees only the files whose times meet it.
 * Small Parquet files (a low rate makes one per conversion) are merged once 24 have gathered. A crash leaves at worst files not listed in `raw_files`; opening deletes them (the
 * journal still holds anything not committed). Retention deletes whole files, or rewrites a Parquet
 * file that straddles the cutoff.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ROWS_TABLE } from './duckdb-schema.js';
import { quote } from './ndjson-load-sql.js';
import { selectTsvSql } from './tx-tsv.js';
import type { TimeRange } from './store.js';

export const RAW_DIR = 'raw';

/** A closed TSV journal segment handed to the store. */
export interface RawSegment {
  file: string;
  rows: number;
  minTime: number;
  maxTime: number;
}

interface RawFile {
  name: string;
  format: 'tsv' | 'parquet';
  rows: number;
  minTime: number;
  maxTime: number;
  addedMs: number;
}

/** Pending TSV rows that trigger a conversion to Parquet, and the longest a TSV file stays pending. */
export const CONVERT_ROWS = 1_000_000;
export const CONVERT_AGE_MS = 5 * 60_000;
/** At a 2 s flush that is 5 minutes of segments: bounds how many files one read opens. */
const CONVERT_FILES = 150;

/**
 * Parquet files under CONVERT_ROWS rows are small: at a low rate a conversion every 5 minutes makes
 * one. Once this many are listed they are merged, in order, into files of up to about CONVERT_ROWS
 * rows, so a retention of days keeps tens of files, not thousands.
 */
const MERGE_SMALL_FILES = 24;

/** A file taken off the list is deleted this much later: reads planned on the old list still find it. */
const DELETE_AFTER_MS = 60_000;

export class RawTier {
  /** Bumped on every change of the file list; the read connection rebuilds its view when it lags. */
  version = 0;
  /** Files off the list, deleted once no read can still be using them (a crash leaves them unlisted). */
  private readonly unlisted: { file: string; at: number }[] = [];

  private constructor(
    private readonly dir: string,
    private files: RawFile[],
  ) {}

  /**
   * Loads the committed file list. Unless `readOnly`, deletes files a crash left unlisted and drops
   * listed files that are gone (a read of the view would fail on them), saying so on stderr.
   */
  static async open(dataDir: string, conn: DuckDBConnection, readOnly: boolean): Promise<RawTier> {
    const dir = path.join(dataDir, RAW_DIR);
    const rows = (
      await conn.runAndReadAll(
        `SELECT name, format, rows::DOUBLE AS rows, min_time::DOUBLE AS min_time, max_time::DOUBLE AS max_time,
          added_ms::DOUBLE AS added_ms FROM raw_files ORDER BY name`,
      )
    ).getRowObjectsJS();
    let files: RawFile[] = rows.map((r) => ({
      name: String(r.name),
      format: r.format === 'parquet' ? 'parquet' : 'tsv',
      rows: Number(r.rows),
      minTime: Number(r.min_time),
      maxTime: Number(r.max_time),
      addedMs: Number(r.added_ms),
    }));
    if (!readOnly) {
      fs.mkdirSync(dir, { recursive: true });
      const listed = new Set(files.map((f) => f.name));
      for (const name of fs.readdirSync(dir)) if (!listed.has(name)) fs.rmSync(path.join(dir, name), { force: true });
      const missing = files.filter((f) => !fs.existsSync(path.join(dir, f.name)));
      if (missing.length > 0) {
        process.stderr.write(
          `promptops: ${missing.length} raw transaction file(s) listed in the store are missing from ${dir} ` +
            `(${missing.map((f) => f.name).join(', ')}); their ${missing.reduce((n, f) => n + f.rows, 0)} rows are gone\n`,
        );
        for (const f of missing) await conn.run('DELETE FROM raw_files WHERE name = $1', [f.name]);
        files = files.filter((f) => !missing.includes(f));
      }
    }
    return new RawTier(dir, files);
  }

  /** The read connection's `transactions` view over the appended rows and every raw file. */
  viewSql(): string {
    return `CREATE OR REPLACE TEMP VIEW transactions AS ${this.sourceSql()}`;
  }

  /**
   * The rows of `transactions` as one query: the appended rows and the raw files, only those whose
   * time span meets `range` when one is given (a read then opens a handful of files, not every file
   * of the retention: a footer read per Parquet file, a whole parse per TSV file).
   */
  sourceSql(range?: TimeRange): string {
    const parts = [`SELECT * FROM ${ROWS_TABLE}`];
    const files = range === undefined ? this.files : this.files.filter((f) => overlaps(f, range));
    const paths = (format: RawFile['format']): string[] =>
      files.filter((f) => f.format === format).map((f) => path.join(this.dir, f.name));
    const parquet = paths('parquet');
    const tsv = paths('tsv');
    if (parquet.length > 0) parts.push(`SELECT * FROM read_parquet([${parquet.map(quote).join(', ')}])`);
    if (tsv.length > 0) parts.push(selectTsvSql(tsv));
    return parts.join(' UNION ALL ');
  }

  /** Rows and files by format, for status output and tests. */
  summary(): { tsvFiles: number; tsvRows: number; parquetFiles: number; parquetRows: number } {
    const out = { tsvFiles: 0, tsvRows: 0, parquetFiles: 0, parquetRows: 0 };
    for (const f of this.files) {
      if (f.format === 'tsv') {
        out.tsvFiles++;
        out.tsvRows += f.rows;
      } else {
        out.parquetFiles++;
        out.parquetRows += f.rows;
      }
    }
    return out;
  }

  /**
   * Step 1 of adopting journal segments, before the DuckDB transaction: hard-links each into the raw
   * directory (replacing a link a failed earlier attempt left). Returns the files to list.
   */
  link(segments: readonly RawSegment[]): RawFile[] {
    const now = Date.now();
    const files = segments.map((s): RawFile => {
      const name = path.basename(s.file);
      const target = path.join(this.dir, name);
      fs.rmSync(target, { force: true });
      try {
        fs.linkSync(s.file, target);
      } catch {
        // A file system without hard links: a copy costs a read and a write, and is as good.
        fs.copyFileSync(s.file, target);
      }
      return { name, format: 'tsv', rows: s.rows, minTime: s.minTime, maxTime: s.maxTime, addedMs: now };
    });
    if (files.length > 0) syncFile(this.dir);
    return files;
  }

  /** Step 2, inside the DuckDB transaction: lists the linked files. */
  async list(conn: DuckDBConnection, files: readonly RawFile[]): Promise<void> {
    for (const f of files) await insertRow(conn, f);
  }

  /** Step 3, after COMMIT: the files are raw storage. */
  committed(files: readonly RawFile[]): void {
    if (files.length === 0) return;
    const names = new Set(files.map((f) => f.name));
    this.files = [...this.files.filter((f) => !names.has(f.name)), ...files];
    this.version++;
  }

  /** True when the pending TSV files should be converted to Parquet now. */
  conversionDue(): boolean {
    const now = Date.now();
    const tsv = this.files.filter((f) => f.format === 'tsv');
    if (tsv.length === 0) return false;
    if (tsv.length >= CONVERT_FILES) return true;
    if (tsv.reduce((n, f) => n + f.rows, 0) >= CONVERT_ROWS) return true;
    return tsv.some((f) => now - f.addedMs >= CONVERT_AGE_MS);
  }

  /**
   * Converts every pending TSV file into one Parquet file. `conn` is the write connection, idle:
   * this runs its own transaction.
   */
  async convert(conn: DuckDBConnection): Promise<void> {
    const tsv = this.files.filter((f) => f.format === 'tsv');
    if (tsv.length === 0) return;
    await this.rewrite(conn, tsv, selectTsvSql(tsv.map((f) => path.join(this.dir, f.name))));
  }

  /** True when enough small Parquet files are listed to merge them. */
  mergeDue(): boolean {
    return this.files.filter(isSmallParquet).length >= MERGE_SMALL_FILES;
  }

  /**
   * Merges the small Parquet files, oldest first, into files of about CONVERT_ROWS rows each (a
   * file of one small file is left alone). `conn` is the write connection, idle.
   */
  async merge(conn: DuckDBConnection): Promise<void> {
    const small = this.files.filter(isSmallParquet).sort((a, b) => (a.name < b.name ? -1 : 1));
    const groups: RawFile[][] = [[]];
    for (const f of small) {
      let group = groups[groups.length - 1];
      if (group.reduce((n, g) => n + g.rows, 0) >= CONVERT_ROWS) groups.push((group = []));
      group.push(f);
    }
    for (const group of groups.filter((g) => g.length > 1)) {
      const paths = group.map((f) => quote(path.join(this.dir, f.name)));
      await this.rewrite(conn, group, `SELECT * FROM read_parquet([${paths.join(', ')}])`);
    }
  }

  /**
   * Writes the rows of `select` (every row of `sources`) into one new Parquet file, fsyncs it and
   * swaps it for `sources` in `raw_files` in one transaction; the sources are deleted a minute later.
   * The new file is named after the journal sequence numbers its sources span, so names stay unique
   * and sort in ingest order.
   */
  private async rewrite(conn: DuckDBConnection, sources: readonly RawFile[], select: string): Promise<void> {
    const now = Date.now();
    const name = `tx-${seqSpanOf(sources[0].name).first}-${seqSpanOf(sources[sources.length - 1].name).last}.parquet`;
    const target = path.join(this.dir, name);
    await conn.run(copyToParquetSql(select, `${target}.tmp`));
    syncFile(`${target}.tmp`);
    fs.renameSync(`${target}.tmp`, target);
    syncFile(this.dir);
    const parquet: RawFile = {
      name,
      format: 'parquet',
      rows: sources.reduce((n, f) => n + f.rows, 0),
      minTime: Math.min(...sources.map((f) => f.minTime)),
      maxTime: Math.max(...sources.map((f) => f.maxTime)),
      addedMs: now,
    };
    await conn.run('BEGIN TRANSACTION');
    try {
      for (const f of sources) await conn.run('DELETE FROM raw_files WHERE name = $1', [f.name]);
      await insertRow(conn, parquet);
      await conn.run('COMMIT');
    } catch (err) {
      await conn.run('ROLLBACK').catch(() => undefined);
      fs.rmSync(target, { force: true });
      throw err;
    }
    const gone = new Set(sources.map((f) => f.name));
    this.files = [...this.files.filter((f) => !gone.has(f.name)), parquet];
    this.version++;
    this.retire(sources, now);
  }

  /**
   * Deletes rows older than `cutoff`: whole files whose newest row is older; a Parquet file that
   * straddles the cutoff is rewritten without them. Pending TSV files that straddle wait for their
   * conversion. Returns the rows removed.
   */
  async prune(conn: DuckDBConnection, cutoff: number): Promise<number> {
    const now = Date.now();
    this.sweep(now);
    let removed = 0;
    const keep: RawFile[] = [];
    const drop: RawFile[] = [];
    for (const f of this.files) {
      if (f.maxTime < cutoff) drop.push(f);
      else if (f.format === 'parquet' && f.minTime < cutoff) {
        const file = path.join(this.dir, f.name);
        const kept = await conn.runAndReadAll(
          `SELECT count(*)::DOUBLE AS n, min(time_ms)::DOUBLE AS lo FROM read_parquet(${quote(file)}) WHERE time_ms >= $1`,
          [cutoff],
        );
        const { n, lo } = kept.getRowObjectsJS()[0];
        await conn.run(
          copyToParquetSql(
            `SELECT * FROM read_parquet(${quote(file)}) WHERE time_ms >= ${Math.trunc(cutoff)}`,
            `${file}.tmp`,
          ),
        );
        syncFile(`${file}.tmp`);
        fs.renameSync(`${file}.tmp`, file);
        removed += f.rows - Number(n);
        const rewritten = { ...f, rows: Number(n), minTime: Number(lo) };
        await conn.run('UPDATE raw_files SET rows = $1, min_time = $2 WHERE name = $3', [
          rewritten.rows,
          rewritten.minTime,
          f.name,
        ]);
        keep.push(rewritten);
      } else keep.push(f);
    }
    for (const f of drop) {
      await conn.run('DELETE FROM raw_files WHERE name = $1', [f.name]);
      removed += f.rows;
    }
    if (drop.length === 0 && keep.every((f, i) => f === this.files[i])) return 0;
    this.files = keep;
    this.version++;
    this.retire(drop, now);
    return removed;
  }

  /** Deletes the files retired long enough ago (times are wall-clock, whatever the collector's clock). */
  sweep(now = Date.now()): void {
    while (this.unlisted.length > 0 && now - this.unlisted[0].at >= DELETE_AFTER_MS)
      fs.rmSync(this.unlisted.shift()!.file, { force: true });
  }

  private retire(files: readonly RawFile[], now: number): void {
    for (const f of files) this.unlisted.push({ file: path.join(this.dir, f.name), at: now });
  }
}

/** The statement that writes the rows of `select` into the Parquet file `target` (how raw files are written). */
export function copyToParquetSql(select: string, target: string): string {
  return `COPY (${select}) TO ${quote(target)} (FORMAT parquet)`;
}

/**
 * Makes a file's content, or a directory's new entries, durable: before the list that names them is
 * committed (DuckDB commits durably; a list naming a file a power loss took would lose its rows).
 */
function syncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function isSmallParquet(f: RawFile): boolean {
  return f.format === 'parquet' && f.rows < CONVERT_ROWS;
}

/** The journal sequence numbers a raw file's rows span: `tx-<seq>.tsv` or `tx-<first>-<last>.parquet`. */
function seqSpanOf(name: string): { first: string; last: string } {
  const m = /^tx-(\d+)(?:-(\d+))?\./.exec(name);
  if (m === null) throw new Error(`not a raw transaction file name: ${name}`);
  return { first: m[1], last: m[2] ?? m[1] };
}

/**
 * True when a file may hold rows in `range` (file times inclusive, the range's end exclusive); widened
 * to whole milliseconds, since rows keep whole milliseconds and queries may compare with fractions.
 */
function overlaps(f: RawFile, range: TimeRange): boolean {
  return f.maxTime >= Math.floor(range.from) && f.minTime < Math.ceil(range.to);
}

function insertRow(conn: DuckDBConnection, f: RawFile): Promise<unknown> {
  return conn.run('INSERT OR REPLACE INTO raw_files VALUES ($1, $2, $3, $4, $5, $6)', [
    f.name,
    f.format,
    f.rows,
    Math.trunc(f.minTime),
    Math.trunc(f.maxTime),
    Math.trunc(f.addedMs),
  ]);
}
