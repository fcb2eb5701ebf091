/**
 * `npx promptops bench raw-read`: reads of raw transactions at a low ingest rate over a long retention,
 * where every 5-minute conversion leaves one small Parquet file (8 days: 2,304 files).
 * - The store: the same rows written as the collector writes them (one TSV segment per 5 minutes, each
 *   converted to Parquet, small files merged), read through `Store` with each read's time range
 *   choosing the files it opens.
 * - Peer, in the same run: the same rows as one Parquet file per 5 minutes, read through one view of
 *   every file (what each read did before files were chosen by range and merged).
 * Options (`--set key=value`): `days=N`, `rowsPerFile=N`, `queries=N`. `--quick` runs a small version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { seededRandom, syntheticTransaction } from '../collector/testing/synthetic-traffic.js';
import type { Transaction } from '../model/transaction.js';
import { DuckDbStore } from '../store/duckdb-store.js';
import { copyToParquetSql } from '../store/raw-tier.js';
import { quote } from '../store/ndjson-load-sql.js';
import { selectTsvSql, transactionLine } from '../store/tx-tsv.js';
import type { BenchModule, BenchOptions } from './bench-module.js';
import { median } from './bench-support.js';
import { machineHeader } from './machine-info.js';

const FILE_SPAN_MS = 5 * 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);

/** The rows of one 5-minute file, spread over its span. */
function rowsOfFile(k: number, rows: number, rand: () => number): Transaction[] {
  const start = T0 + k * FILE_SPAN_MS;
  return Array.from({ length: rows }, (_, i) => {
    const user = Math.floor(rand() * 2000);
    return syntheticTransaction(rand, start + Math.floor((i * FILE_SPAN_MS) / rows), user, `app-${user % 4}`);
  });
}

function writeTsv(file: string, rows: readonly Transaction[]): void {
  fs.writeFileSync(file, rows.map((r) => `${transactionLine(r)}\n`).join(''));
}

async function timedRuns(queries: number, fn: () => Promise<number>): Promise<{ p50: number; n: number }> {
  const samples: number[] = [];
  let n = 0;
  for (let i = 0; i < queries; i++) {
    const a = performance.now();
    n = await fn();
    samples.push(performance.now() - a);
  }
  return { p50: median(samples), n };
}

async function run({ quick, params, log }: BenchOptions): Promise<string> {
  const days = Number(params.days ?? (quick ? 1 : 8));
  const rowsPerFile = Number(params.rowsPerFile ?? 300);
  const queries = Number(params.queries ?? (quick ? 5 : 15));
  const files = Math.round((days * 24 * HOUR) / FILE_SPAN_MS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-bench-raw-read-'));
  const rand = seededRandom(7);
  try {
    const segments = path.join(dir, 'segments');
    const peerDir = path.join(dir, 'peer');
    fs.mkdirSync(segments);
    fs.mkdirSync(peerDir);
    const store = await DuckDbStore.open(path.join(dir, 'store'));
    const peerDb = await DuckDBInstance.create(':memory:');
    const peer = await peerDb.connect();
    const peerFiles: string[] = [];
    try {
      log(`raw-read: writing ${files} files of ${rowsPerFile} rows (${days} days at one file per 5 minutes)`);
      for (let k = 0; k < files; k++) {
        const rows = rowsOfFile(k, rowsPerFile, rand);
        const seq = String(k + 1).padStart(16, '0');
        const tsv = path.join(segments, `tx-${seq}.tsv`);
        writeTsv(tsv, rows);
        const times = rows.map((r) => r.time);
        const segment = { file: tsv, rows: rows.length, minTime: Math.min(...times), maxTime: Math.max(...times) };
        await store.writeBatch({ rawTransactionSegments: [segment] });
        await store.compactRaw();
        const parquet = path.join(peerDir, `f${seq}.parquet`);
        await peer.run(copyToParquetSql(selectTsvSql([tsv]), parquet));
        peerFiles.push(parquet);
        fs.rmSync(tsv);
        if (k % 288 === 287) log(`raw-read: ${k + 1} of ${files} files`);
      }
      await peer.run(`CREATE VIEW transactions AS SELECT * FROM read_parquet([${peerFiles.map(quote).join(', ')}])`);
      const summary = store.rawSummary();
      const end = T0 + files * FILE_SPAN_MS;
      const peerCount = async (from: number, to: number): Promise<number> => {
        const r = await peer.runAndReadAll(
          `SELECT count(*)::DOUBLE AS n FROM transactions WHERE time_ms >= ${from} AND time_ms < ${to}`,
        );
        return Number(r.getRowObjectsJS()[0].n);
      };
      const peerRows = async (from: number, to: number, instance: string): Promise<number> => {
        const r = await peer.runAndReadAll(
          `SELECT * FROM transactions WHERE time_ms >= ${from} AND time_ms < ${to} AND instance = $1
            ORDER BY time_ms LIMIT 1000`,
          [instance],
        );
        return r.getRowObjectsJS().length;
      };
      const cases: { name: string; store: () => Promise<number>; peer: () => Promise<number> }[] = [
        {
          name: 'count, last hour',
          store: () => store.countTransactions({ from: end - HOUR, to: end }),
          peer: () => peerCount(end - HOUR, end),
        },
        {
          name: 'rows of one instance, last hour (LIMIT 1000)',
          store: async () => (await store.queryTransactions({ from: end - HOUR, to: end, instance: 'app-1' })).length,
          peer: () => peerRows(end - HOUR, end, 'app-1'),
        },
        {
          name: 'count, one hour 3 days ago',
          store: () => store.countTransactions({ from: end - 72 * HOUR, to: end - 71 * HOUR }),
          peer: () => peerCount(end - 72 * HOUR, end - 71 * HOUR),
        },
        {
          name: 'count, whole retention',
          store: () => store.countTransactions({ from: T0, to: end }),
          peer: () => peerCount(T0, end),
        },
      ];
      log('raw-read: querying');
      const results: string[] = [];
      for (const c of cases) {
        // Interleaved so that load on the shared machine lands on both.
        const s: number[] = [];
        const p: number[] = [];
        let sn = 0;
        let pn = 0;
        for (let i = 0; i < queries; i++) {
          const a = await timedRuns(1, c.store);
          const b = await timedRuns(1, c.peer);
          s.push(a.p50);
          p.push(b.p50);
          sn = a.n;
          pn = b.n;
        }
        if (sn !== pn) throw new Error(`${c.name}: the store read ${sn} rows, the peer ${pn}`);
        const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));
        results.push(
          `| ${c.name} | ${sn.toLocaleString('en-US')} | ${ms(median(s))} | ${ms(median(p))} | ${(median(p) / median(s)).toFixed(1)}× |`,
        );
      }
      return [
        machineHeader('Raw reads over a long retention of small files'),
        `${days} days of raw transactions at ${rowsPerFile} rows per 5 minutes (${(rowsPerFile / 300).toFixed(1)}/s): ` +
          `${files.toLocaleString('en-US')} conversions. The store keeps them as ${summary?.parquetFiles ?? 0} Parquet ` +
          `file(s) (${summary?.parquetRows.toLocaleString('en-US') ?? 0} rows; small files merged) and each read opens ` +
          `the files its time range meets. Peer: the same rows as ${peerFiles.length.toLocaleString('en-US')} Parquet ` +
          `files, one per 5 minutes, read through one view of every file, in the same process. p50 of ${queries} ` +
          `reads each, store and peer interleaved. Load average at the end: ${os
            .loadavg()
            .map((l) => l.toFixed(1))
            .join(', ')} on ${os.cpus().length} cores.`,
        '',
        '| read | rows | store p50 ms | peer p50 ms (every file) | peer / store |',
        '|---|---:|---:|---:|---:|',
        ...results,
      ].join('\n');
    } finally {
      peer.closeSync();
      peerDb.closeSync();
      await store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: BenchModule = {
  description:
    'raw transaction reads over days of small files: files chosen by time range and merged, beside a view of every file',
  run,
};
