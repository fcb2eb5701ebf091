import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('Journal', () => {
  it('replays batches after the checkpoint in sequence order across kinds', () => {
    const dir = tempDir();
    const { journal } = reopen(dir, 0);
    journal.append('tx', [{ time: 1, url: '/a' }]);
    journal.append('metric', [{ time: 2, metric: 'cpu', value: 0.5 }]);
    journal.append('tx', [
      { time: 3, url: '/b' },
      { time: 4, url: '/c\nwith newline' },
    ]);
    journal.close();
    const { replayed, journal: again } = reopen(dir, 1);
    expect(replayed.map((r) => [r.seq, r.kind, r.records.length])).toEqual([
      [2, 'metric', 1],
      [3, 'tx', 2],
    ]);
    expect(replayed[1].records[1]).toEqual({ time: 4, url: '/c\nwith newline' });
    expect(again.lastSeq).toBe(3);
  });

  it('stops at a torn batch and truncates it, keeping every complete one', () => {
    const dir = tempDir();
    const { journal } = reopen(dir, 0);
    journal.append('tx', [{ time: 1 }]);
    journal.append('tx', [{ time: 2 }]);
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
    journal.append('tx', [{ time: 1 }]);
    journal.append('log', [{ time: 1, body: 'x' }]);
    const files = journal.rotate();
    expect(files.tx).toHaveLength(1);
    expect(files.log).toHaveLength(1);
    journal.append('tx', [{ time: 2 }]);
    journal.truncateThrough(2);
    expect(fs.existsSync(files.tx[0])).toBe(false);
    expect(journal.rotate().tx).toHaveLength(1);
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
    journal.append('tx', [korean]);
    journal.append('tx', big);
    journal.append('tx', [{ time: 2, url: '/after' }]);
    journal.close();
    const { replayed } = reopen(dir, 0);
    expect(replayed.map((r) => r.records.length)).toEqual([1, 6_000, 1]);
    expect(replayed[0].records[0]).toEqual(JSON.parse(JSON.stringify(korean)));
    expect(replayed[1].records).toEqual(big);
    expect(replayed[2].records[0]).toEqual({ time: 2, url: '/after' });
  });
});
