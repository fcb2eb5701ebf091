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
      const journalLike = path.join(dataDir, 'segments');
      fs.mkdirSync(journalLike);
      const write = (name: string, rows: Transaction[]) => {
        const file = path.join(journalLike, name);
        fs.writeFileSync(file, rows.map((r) => `${transactionLine(r)}\n`).join(''));
        const times = rows.map((r) => r.time);
        return { file, rows: rows.length, minTime: Math.min(...times), maxTime: Math.max(...times) };
      };
      const old = Array.from({ length: 10 }, (_, i) => tx(i));
      const straddling = Array.from({ length: 10 }, (_, i) => tx(100 + i));
      await store.writeBatch({ rawTransactionSegments: [write('tx-0000000000000001.tsv', old)] });
      await store.compactRaw();
      await store.writeBatch({ rawTransactionSegments: [write('tx-0000000000000002.tsv', straddling)] });
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
