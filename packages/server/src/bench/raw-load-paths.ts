/**
 * Part of `npx promptops bench ingest`: the cost per row of each way raw transactions can reach
 * DuckDB, side by side in one process on the same rows — the collector's way (TSV journal segments
 * kept as files and converted by DuckDB to Parquet, raw-tier.ts), and inserting into a table: DuckDB's
 * `read_json` over JSON journal segments (the collector's way before), `read_csv` over the TSV
 * segments, the Appender one value at a time (`raw-codec.ts`) and the Appender fed whole data chunks
 * of column vectors — each with DuckDB on one thread and on its default thread count. Every insert
 * variant is insert plus COMMIT into a file database (the commit writes and checkpoints the rows, a
 * large part of the cost); CPU time of the whole process per row. Encoding the journal is not counted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIGINT, BOOLEAN, DOUBLE, DuckDBDataChunk, DuckDBInstance, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { DuckDBAppender, DuckDBConnection, DuckDBType } from '@duckdb/node-api';
import { Journal } from '../collector/journal.js';
import type { Transaction } from '../model/transaction.js';
import { ROWS_TABLE, SCHEMA_SQL } from '../store/duckdb-schema.js';
import { copyToParquetSql } from '../store/raw-tier.js';
import { selectTsvSql } from '../store/tx-tsv.js';
import { ndjsonInsertSql } from '../store/ndjson-load-sql.js';
import { appendTransaction } from '../store/raw-codec.js';
import { median } from './bench-support.js';

export interface RawLoadResult {
  path: string;
  threads: string;
  cpuUsPerRow: number;
  wallUsPerRow: number;
}

/** Column types of the transactions table (duckdb-schema.ts order). */
const TX_TYPES: DuckDBType[] = [
  BIGINT,
  DOUBLE,
  INTEGER,
  BOOLEAN,
  ...Array.from({ length: 10 }, () => VARCHAR),
  DOUBLE,
  VARCHAR,
  VARCHAR,
  VARCHAR,
];
const CHUNK_ROWS = 2048;

function appendChunks(appender: DuckDBAppender, txs: readonly Transaction[]): void {
  for (let off = 0; off < txs.length; off += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, txs.length - off);
    const chunk = DuckDBDataChunk.create(TX_TYPES, n);
    const v = TX_TYPES.map((_, i) => chunk.getColumnVector(i));
    for (let i = 0; i < n; i++) {
      const t = txs[off + i];
      v[0].setItem(i, BigInt(Math.trunc(t.time)));
      v[1].setItem(i, t.durationMs);
      v[2].setItem(i, t.status | 0);
      v[3].setItem(i, t.error);
      v[4].setItem(i, t.method);
      v[5].setItem(i, t.url);
      v[6].setItem(i, t.route);
      v[7].setItem(i, t.instance);
      v[8].setItem(i, t.service);
      v[9].setItem(i, t.clientIp);
      v[10].setItem(i, t.sessionId ?? null);
      v[11].setItem(i, t.visitorId ?? null);
      v[12].setItem(i, t.userId ?? null);
      v[13].setItem(i, t.userAgent ?? null);
      v[14].setItem(i, t.bytes);
      v[15].setItem(i, t.traceId ?? null);
      v[16].setItem(i, t.spanId ?? null);
      v[17].setItem(i, t.queries === undefined && t.calls === undefined && t.exceptions === undefined ? null : '{}');
    }
    for (const vector of v) vector.flush();
    appender.appendDataChunk(chunk);
  }
}

interface Segments {
  json: string[];
  tsv: string[];
  dir: string;
}
type Variant = (conn: DuckDBConnection, txs: readonly Transaction[], segments: Segments) => Promise<void>;

const VARIANTS: [string, Variant][] = [
  [
    'TSV segments kept as files, converted to Parquet (collector)',
    (conn, _txs, segments) =>
      conn
        .run(copyToParquetSql(selectTsvSql(segments.tsv), path.join(segments.dir, 'raw.parquet')))
        .then(() => undefined),
  ],
  [
    '`read_json` of JSON segments into the table (collector before)',
    (conn, _txs, segments) =>
      conn.run(ndjsonInsertSql('transactions', segments.json, ROWS_TABLE)).then(() => undefined),
  ],
  [
    '`read_csv` of TSV segments into the table',
    (conn, _txs, segments) => conn.run(`INSERT INTO ${ROWS_TABLE} ${selectTsvSql(segments.tsv)}`).then(() => undefined),
  ],
  [
    'Appender, one value per call',
    async (conn, txs) => {
      const a = await conn.createAppender(ROWS_TABLE);
      for (const tx of txs) appendTransaction(a, tx);
      a.flushSync();
      a.closeSync();
    },
  ],
  [
    `Appender, data chunks of ${CHUNK_ROWS} rows`,
    async (conn, txs) => {
      const a = await conn.createAppender(ROWS_TABLE);
      appendChunks(a, txs);
      a.flushSync();
      a.closeSync();
    },
  ],
];

/** Loads `txs` `reps` times by each path with 1 and the default number of DuckDB threads. */
export async function measureRawLoadPaths(txs: readonly Transaction[], reps: number): Promise<RawLoadResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-bench-rawload-'));
  const instance = await DuckDBInstance.create(path.join(dir, 'load.duckdb'));
  const conn = await instance.connect();
  try {
    for (const sql of SCHEMA_SQL) await conn.run(sql);
    const defaultThreads = (
      await conn.runAndReadAll(`SELECT current_setting('threads')::INTEGER AS n`)
    ).getRowObjectsJS()[0].n;
    // The journal's own segment files, batches of 512 as the bench ingests them: TSV as the collector
    // journals transactions, and JSON lines as it did before (the journal's format for other records).
    const journal = Journal.open(path.join(dir, 'data'), 'off', 0, () => undefined);
    for (let i = 0; i < txs.length; i += 512) {
      journal.append('tx', txs.slice(i, i + 512));
      journal.append('log', txs.slice(i, i + 512));
    }
    const rotated = journal.rotate();
    const segments: Segments = { json: rotated.log, tsv: rotated.txTsv.map((s) => s.file), dir };
    journal.close();
    const samples = new Map<string, { cpu: number[]; wall: number[] }>();
    for (let r = 0; r < reps; r++)
      for (const threads of [1, Number(defaultThreads)])
        for (const [name, load] of VARIANTS) {
          await conn.run(`SET threads = ${threads}`);
          const cpuBefore = process.cpuUsage();
          const started = performance.now();
          await conn.run('BEGIN TRANSACTION');
          await load(conn, txs, segments);
          await conn.run('COMMIT');
          const wall = performance.now() - started;
          const cpu = process.cpuUsage(cpuBefore);
          const key = `${name}\u0000${threads}`;
          const s = samples.get(key) ?? { cpu: [], wall: [] };
          s.cpu.push((cpu.user + cpu.system) / txs.length);
          s.wall.push((wall * 1000) / txs.length);
          samples.set(key, s);
        }
    return [...samples].map(([key, s]) => {
      const [name, threads] = key.split('\u0000');
      return { path: name, threads, cpuUsPerRow: median(s.cpu), wallUsPerRow: median(s.wall) };
    });
  } finally {
    conn.closeSync();
    instance.closeSync();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
