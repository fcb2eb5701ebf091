import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../model/transaction.js';
import { Journal } from './journal.js';
import type { JournalRecord } from './journal.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-journal-'));
  dirs.push(d);
  return d;
}

function reopen(dir: string, afterSeq: number): { journal: Journal; replayed: JournalRecord[] } {
  const replayed: JournalRecord[] = [];
  const journal = Journal.open(dir, 'off', afterSeq, (r) => replayed.push(r));
  return { journal, replayed };
}

function tx(time: number, url: string, extra: Partial<Transaction> = {}): Transaction {
  return {
    time,
    durationMs: 12.5,
    status: 200,
    error: false,
    method: 'GET',
    url,
    route: url,
    instance: 'was1',
    service: 'shop',
    clientIp: '10.0.0.1',
    bytes: 512,
    ...extra,
  };
}

describe('Journal', () => {
  it('replays batches after the checkpoint in sequence order across kinds', () => {
    const dir = tempDir();
    const { journal } = reopen(dir, 0);
    journal.append('log', [{ time: 1, url: '/a' }]);
    journal.append('metric', [{ time: 2, metric: 'cpu', value: 0.5 }]);
    journal.append('log', [
      { time: 3, url: '/b' },
      { time: 4, url: '/c\nwith newline' },
    ]);
    journal.close();
    const { replayed, journal: again } = reopen(dir, 1);
    expect(replayed.map((r) => [r.seq, r.kind, r.records.length])).toEqual([
      [2, 'metric', 1],
      [3, 'log', 2],
    ]);
    expect(replayed[1].records[1]).toEqual({ time: 4, url: '/c\nwith newline' });
    expect(again.lastSeq).toBe(3);
  });

  it('stops at a torn batch and truncates it, keeping every complete one', () => {
    const dir = tempDir();
    const { journal } = reopen(dir, 0);
    journal.append('log', [{ time: 1 }]);
    journal.append('log', [{ time: 2 }]);
    journal.close();
    const [file] = fs.readdirSync(path.join(dir, 'journal'));
    const full = path.join(dir, 'journal', file);
    const intact = fs.statSync(full).size;
    // A crash mid-write: half a record and no commit line.
    fs.appendFileSync(full, '{"time":3,"url":"/tor');
    const { replayed } = reopen(dir, 0);
    expect(replayed.map((r) => r.seq)).toEqual([1, 2]);
    expect(fs.statSync(full).size).toBe(intact);
    // A flipped byte inside a committed batch fails its checksum: that batch and later ones are dropped.
    const bytes = fs.readFileSync(full);
    bytes[bytes.indexOf('"time":2') + 7] = '9'.charCodeAt(0);
    fs.writeFileSync(full, bytes);
    expect(reopen(dir, 0).replayed.map((r) => r.seq)).toEqual([1]);
  });

  it('hands closed segments to the flush and deletes them once committed', () => {
    const dir = tempDir();
    const { journal } = reopen(dir, 0);
    journal.append('tx', [tx(5, '/a'), tx(1, '/b')]);
    journal.append('log', [{ time: 1, body: 'x' }]);
    const files = journal.rotate();
    expect(files.tx).toEqual([]);
    expect(files.txTsv).toEqual([
      { file: expect.stringMatching(/tx-0+1\.tsv$/) as string, rows: 2, minTime: 1, maxTime: 5 },
    ]);
    expect(files.log).toHaveLength(1);
    journal.append('tx', [tx(2, '/c')]);
    journal.truncateThrough(2);
    expect(fs.existsSync(files.txTsv[0].file)).toBe(false);
    expect(journal.rotate().txTsv).toHaveLength(1);
    journal.close();
    // Reopened past the checkpoint, committed segments are removed and nothing replays twice.
    expect(reopen(dir, 3).replayed).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'journal'))).toEqual([]);
  });

  it('replays multi-byte text and batches larger than its encoding buffer byte for byte', () => {
    const dir = tempDir();
    const { journal } = reopen(dir, 0);
    const korean = { time: 1, url: '/검색?q=동시접속자', userAgent: 'emoji 🚀 and a lone \ud800 surrogate' };
    // ~3 MB of JSON in one batch: the encoder grows past its 1 MB buffer mid-batch.
    const big = Array.from({ length: 6_000 }, (_, i) => ({ time: i + 1, url: `/p/${i}/${'가'.repeat(150)}` }));
    journal.append('log', [korean]);
    journal.append('log', big);
    journal.append('log', [{ time: 2, url: '/after' }]);
    journal.close();
    const { replayed } = reopen(dir, 0);
    expect(replayed.map((r) => r.records.length)).toEqual([1, 6_000, 1]);
    expect(replayed[0].records[0]).toEqual(JSON.parse(JSON.stringify(korean)));
    expect(replayed[1].records).toEqual(big);
    expect(replayed[2].records[0]).toEqual({ time: 2, url: '/after' });
  });

  it('journals transactions as TSV and replays every field exactly, awkward text included', () => {
    const dir = tempDir();
    const { journal } = reopen(dir, 0);
    const awkward = [
      tx(1, '/검색?q=동시접속자', { userAgent: 'tab\there, "quoted", new\nline\r\n# not a comment', sessionId: '\\N' }),
      tx(2, '', { clientIp: '', userId: 'u1', visitorId: 'v1', traceId: 'ab', spanId: 'cd', status: 503, error: true }),
      tx(3, '/q', {
        durationMs: 0.001,
        bytes: 0,
        queries: [{ statement: 'SELECT ?', durationMs: 3, rows: 1 }],
        exceptions: [{ type: 'java.lang.OutOfMemoryError', message: 'heap\tspace' }],
      }),
    ];
    journal.append('tx', awkward);
    journal.append('tx', [tx(4, '/after')]);
    journal.close();
    const { replayed } = reopen(dir, 0);
    expect(replayed.map((r) => r.records)).toEqual([awkward, [tx(4, '/after')]]);
  });

  it('stops at a torn or corrupt transaction batch and truncates it', () => {
    const dir = tempDir();
    const { journal } = reopen(dir, 0);
    journal.append('tx', [tx(1, '/a')]);
    journal.append('tx', [tx(2, '/b')]);
    journal.close();
    const [file] = fs.readdirSync(path.join(dir, 'journal'));
    const full = path.join(dir, 'journal', file);
    const intact = fs.statSync(full).size;
    fs.appendFileSync(full, '3\t5\t200\tfalse\tGET\t"/torn');
    expect(reopen(dir, 0).replayed.map((r) => r.seq)).toEqual([1, 2]);
    expect(fs.statSync(full).size).toBe(intact);
    const bytes = fs.readFileSync(full);
    bytes[bytes.indexOf('/b')] = 'X'.charCodeAt(0);
    fs.writeFileSync(full, bytes);
    expect(reopen(dir, 0).replayed.map((r) => r.seq)).toEqual([1]);
  });
});
