import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { openCollector } from '../collector/collector.js';
import type { Transaction } from '../model/transaction.js';
import { TRANSACTION_COLUMNS } from './duckdb-schema.js';
import { DATABASE_FILE, DuckDbStore } from './duckdb-store.js';
import { RAW_DIR } from './raw-tier.js';
import type { RawSegment } from './raw-tier.js';
import { transactionLine } from './tx-tsv.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-raw-'));
  dirs.push(d);
  return d;
}

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

function tx(i: number, extra: Partial<Transaction> = {}): Transaction {
  return {
    time: T0 + i * 10,
    durationMs: 1 + (i % 7) * 0.25,
    status: i % 11 === 0 ? 500 : 200,
    error: i % 11 === 0,
    method: 'GET',
    url: `/p/${i}`,
    route: '/p/:i',
    instance: `was${1 + (i % 2)}`,
    service: 'shop',
    clientIp: `10.0.0.${i % 200}`,
    userId: `u${i % 30}`,
    bytes: i,
    ...extra,
  };
}

/** Every field of a transaction that TSV, Parquet and JSON must carry unchanged. */
const AWKWARD: Transaction[] = [
  // Unquoted text with a '#' (DuckDB's CSV comment option would cut the line there).
  tx(0, { userAgent: 'Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)', url: '/a#b' }),
  tx(1, {
    url: '/검색?q="동시"\tx',
    userAgent: 'a\nb\r\n# not a comment \u0000 nul, see.htm#07 and \r',
    sessionId: '\\N',
    visitorId: '',
  }),
  tx(2, {
    traceId: 't1',
    spanId: 's1',
    queries: [{ statement: 'SELECT ?', durationMs: 2, rows: 1, system: 'postgresql' }],
    calls: [{ url: 'http://pay/api', method: 'POST', status: 502, durationMs: 30 }],
    exceptions: [{ type: 'java.lang.OutOfMemoryError', message: 'Java heap space' }],
  }),
];

const byTime = (a: Transaction, b: Transaction): number => a.time - b.time;

/** Writes rows as a closed TSV journal segment outside `raw/` and describes it as the journal would. */
function segment(dataDir: string, name: string, rows: Transaction[]): RawSegment {
  const dir = path.join(dataDir, 'segments');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => `${transactionLine(r)}\n`).join(''));
  const times = rows.map((r) => r.time);
  return { file, rows: rows.length, minTime: Math.min(...times), maxTime: Math.max(...times) };
}

async function allRows(store: DuckDbStore): Promise<Transaction[]> {
  return store.queryTransactions({ from: 0, to: T0 + 86_400_000, limit: 100_000 });
}

describe('raw transactions as files read in place', () => {
  it('serves flushed transactions from TSV, then Parquet, unchanged, and across a reopen', async () => {
    const dataDir = tempDir();
    let clock = T0 + 60_000;
    const options = { dataDir, modes: 'user,ip', autoTick: false, clock: () => clock } as const;
    const collector = await openCollector(options);
    const txs = [...AWKWARD, ...Array.from({ length: 500 }, (_, i) => tx(i + 3))];
    collector.transactions(txs.slice(0, 200));
    await collector.flush();
    collector.transactions(txs.slice(200));
    await collector.flush();
    const store = collector.store as DuckDbStore;
    expect(store.rawSummary()).toEqual({ tsvFiles: 2, tsvRows: txs.length, parquetFiles: 0, parquetRows: 0 });
    expect(await allRows(store)).toEqual(txs);
    expect(fs.readdirSync(path.join(dataDir, RAW_DIR))).toHaveLength(2);

    await store.compactRaw();
    expect(store.rawSummary()).toEqual({ tsvFiles: 0, tsvRows: 0, parquetFiles: 1, parquetRows: txs.length });
    expect(await allRows(store)).toEqual(txs);
    expect(await store.countTransactions({ from: 0, to: T0 + 86_400_000, instance: 'was1' })).toBe(
      txs.filter((t) => t.instance === 'was1').length,
    );

    collector.transactions([tx(900)]);
    clock += 2000;
    await collector.close();
    const again = await openCollector(options);
    try {
      expect(await allRows(again.store as DuckDbStore)).toEqual([...txs, tx(900)]);
    } finally {
      await again.close();
    }
  });

  it('deletes files a crash left unlisted and counts every row once', async () => {
    const dataDir = tempDir();
    const options = { dataDir, modes: 'ip', autoTick: false, clock: () => T0 + 60_000 } as const;
    const first = await openCollector(options);
    first.transactions(Array.from({ length: 50 }, (_, i) => tx(i)));
    await first.flush();
    const raw = path.join(dataDir, RAW_DIR);
    const [tsv] = fs.readdirSync(raw);
    // A conversion killed before its commit leaves its Parquet file; one killed after leaves the TSV.
    await (first.store as DuckDbStore).compactRaw();
    const [parquet] = fs.readdirSync(raw).filter((f) => f.endsWith('.parquet'));
    fs.copyFileSync(path.join(raw, parquet), path.join(raw, 'tx-0000000000000099-0000000000000099.parquet'));
    fs.writeFileSync(
      path.join(raw, tsv),
      '1\t1\t200\tfalse\tGET\t/x\t/x\ta\ts\t\\N\t\\N\t\\N\t\\N\t\\N\t0\t\\N\t\\N\t\\N\n',
    );
    fs.writeFileSync(path.join(raw, `${parquet}.tmp`), 'half a file');
    await first.close();
    const again = await openCollector(options);
    try {
      expect(fs.readdirSync(raw)).toEqual([parquet]);
      expect(await allRows(again.store as DuckDbStore)).toHaveLength(50);
    } finally {
      await again.close();
    }
  });

  it('prunes whole files past retention and rewrites a Parquet file that straddles the cutoff', async () => {
    const dataDir = tempDir();
    const store = await DuckDbStore.open(dataDir);
    try {
      const old = Array.from({ length: 10 }, (_, i) => tx(i));
      const straddling = Array.from({ length: 10 }, (_, i) => tx(100 + i));
      await store.writeBatch({ rawTransactionSegments: [segment(dataDir, 'tx-0000000000000001.tsv', old)] });
      await store.compactRaw();
      await store.writeBatch({ rawTransactionSegments: [segment(dataDir, 'tx-0000000000000002.tsv', straddling)] });
      await store.compactRaw();
      const cutoff = straddling[5].time;
      const removed = await store.prune(cutoff + 1000, { transactions: 1000 });
      expect(removed).toBe(15);
      expect(await allRows(store)).toEqual(straddling.slice(5));
      expect(store.rawSummary()).toMatchObject({ parquetFiles: 1, parquetRows: 5 });
    } finally {
      await store.close();
    }
  });

  it('reads only the files whose times meet a query range, in every kind of read', async () => {
    const dataDir = tempDir();
    const store = await DuckDbStore.open(dataDir);
    try {
      const hour = 3_600_000;
      // Three hours, one Parquet file each, then one pending TSV file in the third hour.
      const hours = [0, 1, 2].map((h) =>
        Array.from({ length: 20 }, (_, i) => tx(i, { time: T0 + h * hour + i * 1000, sessionId: `s${h}` })),
      );
      for (const [h, rows] of hours.entries()) {
        await store.writeBatch({ rawTransactionSegments: [segment(dataDir, `tx-000000000000000${h + 1}.tsv`, rows)] });
        await store.compactRaw();
      }
      const pending = [tx(0, { time: T0 + 2 * hour + 50_000 })];
      await store.writeBatch({ rawTransactionSegments: [segment(dataDir, 'tx-0000000000000009.tsv', pending)] });
      expect(store.rawSummary()).toEqual({ tsvFiles: 1, tsvRows: 1, parquetFiles: 3, parquetRows: 60 });
      // The first hour's file goes missing behind the store's back: a read that opened it would fail.
      const raw = path.join(dataDir, RAW_DIR);
      const first = fs.readdirSync(raw).sort()[0];
      fs.renameSync(path.join(raw, first), path.join(dataDir, first));

      const third = { from: T0 + 2 * hour, to: T0 + 3 * hour };
      expect(await store.queryTransactions({ ...third, limit: 100 })).toEqual([...hours[2], ...pending].sort(byTime));
      expect(await store.countTransactions({ from: T0 + hour, to: T0 + 3 * hour })).toBe(41);
      expect((await store.aggregates.countTransactions(third)).rows).toBe(21);
      expect(await store.aggregates.rowsOfSessions(third, ['s2'])).toEqual(hours[2]);
      expect((await store.querySessions({ ...third, limit: 10 })).map((s) => s.sessionId)).toContain('s2');
      // A range that meets the missing file still reads it, and fails.
      await expect(store.countTransactions({ from: T0, to: T0 + 3 * hour })).rejects.toThrow();
      // Back in place, the whole range reads every row.
      fs.renameSync(path.join(dataDir, first), path.join(raw, first));
      expect(await store.countTransactions({ from: T0, to: T0 + 3 * hour })).toBe(61);
    } finally {
      await store.close();
    }
  });

  it('merges small Parquet files into few, every row kept, and keeps merged files prunable', async () => {
    const { url, userAgent, sessionId, visitorId } = AWKWARD[1];
    const awkwardText = { url, userAgent, sessionId, visitorId };
    const dataDir = tempDir();
    const store = await DuckDbStore.open(dataDir);
    try {
      const all: Transaction[] = [];
      for (let k = 0; k < 30; k++) {
        const rows = Array.from({ length: 5 }, (_, i) => tx(k * 5 + i, k === 7 && i === 0 ? awkwardText : {}));
        all.push(...rows);
        const seq = String(k + 1).padStart(16, '0');
        await store.writeBatch({ rawTransactionSegments: [segment(dataDir, `tx-${seq}.tsv`, rows)] });
        await store.compactRaw();
      }
      // 24 small files were merged into one at the 24th conversion; six more came after.
      expect(store.rawSummary()).toEqual({ tsvFiles: 0, tsvRows: 0, parquetFiles: 7, parquetRows: 150 });
      const listed = fs.readdirSync(path.join(dataDir, RAW_DIR)).filter((f) => f.endsWith('.parquet'));
      expect(listed).toContain('tx-0000000000000001-0000000000000024.parquet');
      expect(await allRows(store)).toEqual([...all].sort(byTime));
      const removed = await store.prune(all[60].time + 1000, { transactions: 1000 });
      expect(removed).toBe(60);
      expect(await allRows(store)).toEqual([...all].sort(byTime).slice(60));
    } finally {
      await store.close();
    }
    const again = await DuckDbStore.open(dataDir);
    try {
      expect(again.rawSummary()).toMatchObject({ parquetRows: 90 });
      expect(await allRows(again)).toHaveLength(90);
    } finally {
      await again.close();
    }
  });

  it('opens a database of an earlier version: its transactions table stays readable and writable', async () => {
    const dataDir = tempDir();
    const instance = await DuckDBInstance.create(path.join(dataDir, DATABASE_FILE));
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE transactions (${TRANSACTION_COLUMNS})`);
    await conn.run(
      `INSERT INTO transactions VALUES (${T0}, 5, 200, false, 'GET', '/old', '/old', 'was1', 'shop', '10.0.0.1',
        NULL, NULL, 'u1', NULL, 10, NULL, NULL, NULL)`,
    );
    conn.closeSync();
    instance.closeSync();
    const readOnly = await DuckDbStore.open(dataDir, { readOnly: true });
    expect((await allRows(readOnly)).map((t) => t.url)).toEqual(['/old']);
    await readOnly.close();
    const store = await DuckDbStore.open(dataDir);
    try {
      await store.appendTransactions([tx(5)]);
      expect((await allRows(store)).map((t) => t.url)).toEqual(['/old', '/p/5']);
    } finally {
      await store.close();
    }
    const reopened = await DuckDbStore.open(dataDir, { readOnly: true });
    try {
      expect(await allRows(reopened)).toHaveLength(2);
    } finally {
      await reopened.close();
    }
  });
});
