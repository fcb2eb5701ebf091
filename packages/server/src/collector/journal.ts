/**
 * The ingest journal: every accepted batch is appended here before the ingest call returns, so a
 * crash loses nothing that was acknowledged — and the journal is also how raw rows reach the store:
 * at each flush the closed segments are bulk-loaded by DuckDB's native JSON reader (no per-row work
 * on the event loop), in the same transaction as the checkpoint, then deleted.
 *
 * Layout: one segment file per record kind per flush interval, `journal/<kind>-<first seq>.<ext>`.
 * A batch is its records, one per line, followed by a commit line carrying its sequence number,
 * record count and the crc32 of the record lines' bytes.
 * - Transactions (`tx-….tsv`): tab-separated lines (tx-tsv.ts) and a commit line with no time that
 *   readers skip, so DuckDB reads a closed segment in place as raw storage.
 * - Everything else (`….log`, and transactions journaled by earlier versions): newline-delimited
 *   JSON, commit line `{"c":seq,"n":count,"crc":crc32}`. Record objects never have a top-level `c`
 *   key, so readers skip commit lines with `WHERE c IS NULL`.
 *
 * Durability: `writeSync` puts the batch in the OS page cache before the call returns, which survives
 * the process being killed. Surviving power loss needs fsync: policy `batch` fsyncs every append,
 * `tick` once per 2 s flush (up to 2 s of acknowledged data at risk on power loss), `off` never.
 * Replay stops at the first torn or corrupt batch (the crash point) and truncates the segment there.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PromptOpsError } from '../errors/promptops-error.js';
import type { Transaction } from '../model/transaction.js';
import type { RawSegment } from '../store/raw-tier.js';
import { commitLine, isCommitLine, readCommitLine, readTransactionLine, transactionLine } from '../store/tx-tsv.js';

export type FsyncPolicy = 'batch' | 'tick' | 'off';

export const JOURNAL_KINDS = ['tx', 'metric', 'log', 'session'] as const;
export type JournalKind = (typeof JOURNAL_KINDS)[number];

export interface JournalRecord {
  seq: number;
  kind: JournalKind;
  records: unknown[];
}

/**
 * Closed segment files not yet committed to the store, by kind (JSON lines), plus the TSV transaction
 * segments with their row counts and time ranges.
 */
export type SegmentFiles = Record<JournalKind, string[]> & { txTsv: RawSegment[] };

interface Segment {
  kind: JournalKind;
  file: string;
  lastSeq: number;
  fd: number | null;
  /** TSV transaction segment: rows and time range so far (undefined for JSON segments). */
  stats?: RawSegment;
}

const SEGMENT_RE = /^(tx|metric|log|session)-(\d{16})\.(log|tsv)$/;
const NEWLINE = 10;
/** Scratch buffer size: a 512-span batch is ~250 KB of JSON. */
const SCRATCH_BYTES = 1 << 20;
/** A buffer grown past this by an unusually large batch is dropped after it, not kept for good. */
const MAX_KEPT_SCRATCH = 16 << 20;

export class Journal {
  private readonly open = new Map<JournalKind, Segment>();
  private closed: Segment[] = [];
  private nextSeq: number;
  /** Reused encoding buffer of `append` (appends are synchronous, so one is enough). */
  private scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

  private constructor(
    private readonly dir: string,
    private readonly fsync: FsyncPolicy,
    nextSeq: number,
    closed: Segment[],
  ) {
    this.nextSeq = nextSeq;
    this.closed = closed;
  }

  /**
   * Opens the journal of a data directory: deletes segments already committed (every batch ≤
   * `afterSeq`), and replays every intact batch with seq > `afterSeq` in seq order through `onRecord`.
   * Those segments stay, closed, to be loaded by the next flush.
   */
  static open(
    dataDir: string,
    fsync: FsyncPolicy,
    afterSeq: number,
    onRecord: (record: JournalRecord) => void,
  ): Journal {
    const dir = path.join(dataDir, 'journal');
    fs.mkdirSync(dir, { recursive: true });
    let last = afterSeq;
    const replay: JournalRecord[] = [];
    const closed: Segment[] = [];
    for (const name of fs.readdirSync(dir).sort()) {
      const match = SEGMENT_RE.exec(name);
      if (match === null) continue;
      const file = path.join(dir, name);
      const kind = match[1] as JournalKind;
      const tsv = match[3] === 'tsv';
      const batches = tsv ? readTsvSegment(file) : readSegment(file, kind);
      const segLast = batches.length === 0 ? 0 : batches[batches.length - 1].seq;
      if (batches.length === 0 || segLast <= afterSeq) {
        fs.rmSync(file, { force: true });
        continue;
      }
      for (const b of batches) if (b.seq > afterSeq) replay.push(b);
      last = Math.max(last, segLast);
      const seg: Segment = { kind, file, lastSeq: segLast, fd: null };
      if (tsv) {
        seg.stats = emptyStats(file);
        for (const b of batches) addStats(seg.stats, b.records as Transaction[]);
      }
      closed.push(seg);
    }
    replay.sort((a, b) => a.seq - b.seq);
    for (const record of replay) onRecord(record);
    return new Journal(dir, fsync, last + 1, closed);
  }

  /** Sequence number of the newest appended batch (0 when none yet). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Appends one batch; returns its sequence number. Throws `unavailable` if the disk refuses. */
  append(kind: JournalKind, records: readonly unknown[]): number {
    const seq = this.nextSeq;
    const size = kind === 'tx' ? this.encodeTsv(seq, records as readonly Transaction[]) : this.encode(seq, records);
    try {
      const fd = this.segmentFd(kind, seq);
      for (let written = 0; written < size;) written += fs.writeSync(fd, this.scratch, written, size - written);
      if (this.fsync === 'batch') fs.fsyncSync(fd);
    } catch (err) {
      throw new PromptOpsError('unavailable', 'cannot write the ingest journal', { cause: err });
    } finally {
      if (this.scratch.length > MAX_KEPT_SCRATCH) this.scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
    }
    const seg = this.open.get(kind)!;
    seg.lastSeq = seq;
    if (seg.stats !== undefined) addStats(seg.stats, records as readonly Transaction[]);
    this.nextSeq++;
    return seq;
  }

  /**
   * Closes the open segments (fsyncing them unless policy `off`) and returns every closed segment
   * not yet committed, by kind: what the next store transaction loads.
   */
  rotate(): SegmentFiles {
    for (const seg of this.open.values()) {
      if (seg.fd !== null) {
        if (this.fsync !== 'off') fs.fsyncSync(seg.fd);
        fs.closeSync(seg.fd);
        seg.fd = null;
      }
      this.closed.push(seg);
    }
    this.open.clear();
    const files: SegmentFiles = { tx: [], metric: [], log: [], session: [], txTsv: [] };
    for (const seg of this.closed) {
      if (seg.stats !== undefined) files.txTsv.push({ ...seg.stats });
      else files[seg.kind].push(seg.file);
    }
    return files;
  }

  /** Deletes closed segments whose batches are all ≤ `seq` (committed to the store). */
  truncateThrough(seq: number): void {
    const keep: Segment[] = [];
    for (const seg of this.closed) {
      if (seg.lastSeq <= seq) fs.rmSync(seg.file, { force: true });
      else keep.push(seg);
    }
    this.closed = keep;
  }

  close(): void {
    for (const seg of this.open.values()) if (seg.fd !== null) fs.closeSync(seg.fd);
    this.open.clear();
  }

  /**
   * Writes a batch's record lines and commit line into the scratch buffer; returns the byte count.
   * Each record is serialized straight into one reused buffer: no batch-sized string is built and
   * copied again, and nothing is allocated per batch unless the buffer has to grow.
   */
  private encode(seq: number, records: readonly unknown[]): number {
    let at = 0;
    for (const record of records) {
      const line = JSON.stringify(record);
      this.reserve(at, line.length * 3 + 1); // UTF-8 needs at most 3 bytes per UTF-16 unit
      at += this.scratch.write(line, at, 'utf8');
      this.scratch[at++] = NEWLINE;
    }
    const commit = `{"c":${seq},"n":${records.length},"crc":${zlib.crc32(this.scratch.subarray(0, at))}}\n`;
    this.reserve(at, commit.length);
    return at + this.scratch.write(commit, at, 'latin1');
  }

  /** As `encode`, for transactions: TSV lines and a TSV commit line. */
  private encodeTsv(seq: number, records: readonly Transaction[]): number {
    let at = 0;
    for (const record of records) {
      const line = transactionLine(record);
      this.reserve(at, line.length * 3 + 1);
      at += this.scratch.write(line, at, 'utf8');
      this.scratch[at++] = NEWLINE;
    }
    const commit = commitLine(seq, records.length, zlib.crc32(this.scratch.subarray(0, at)));
    this.reserve(at, commit.length);
    return at + this.scratch.write(commit, at, 'latin1');
  }

  /** Grows the scratch buffer (keeping its first `used` bytes) so `more` bytes fit after them. */
  private reserve(used: number, more: number): void {
    if (used + more <= this.scratch.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, used + more));
    this.scratch.copy(grown, 0, 0, used);
    this.scratch = grown;
  }

  private segmentFd(kind: JournalKind, seq: number): number {
    let seg = this.open.get(kind);
    if (seg === undefined) {
      const file = path.join(this.dir, `${kind}-${String(seq).padStart(16, '0')}.${kind === 'tx' ? 'tsv' : 'log'}`);
      seg = { kind, file, lastSeq: seq, fd: fs.openSync(file, 'a') };
      if (kind === 'tx') seg.stats = emptyStats(file);
      this.open.set(kind, seg);
    }
    return seg.fd!;
  }
}

/** Reads the intact batches of a segment; truncates a torn or corrupt tail. */
function readSegment(file: string, kind: JournalKind): JournalRecord[] {
  const data = fs.readFileSync(file);
  const batches: JournalRecord[] = [];
  let batchStart = 0;
  let lineStart = 0;
  let good = 0;
  const lines: [number, number][] = [];
  while (lineStart < data.length) {
    const end = data.indexOf(NEWLINE, lineStart);
    if (end < 0) break;
    if (data[lineStart + 2] === 0x63 /* c */ && data[lineStart + 3] === 0x22 && data[lineStart + 1] === 0x22) {
      const commit = JSON.parse(data.toString('utf8', lineStart, end)) as { c: number; n: number; crc: number };
      if (commit.n !== lines.length || zlib.crc32(data.subarray(batchStart, lineStart)) !== commit.crc) break;
      batches.push({
        seq: commit.c,
        kind,
        records: lines.map(([a, b]) => JSON.parse(data.toString('utf8', a, b)) as unknown),
      });
      lines.length = 0;
      batchStart = end + 1;
      good = batchStart;
    } else lines.push([lineStart, end]);
    lineStart = end + 1;
  }
  if (good < data.length) fs.truncateSync(file, good);
  return batches;
}

/** Reads the intact batches of a TSV transaction segment; truncates a torn or corrupt tail. */
function readTsvSegment(file: string): JournalRecord[] {
  const data = fs.readFileSync(file);
  const batches: JournalRecord[] = [];
  let batchStart = 0;
  let at = 0;
  let good = 0;
  let records: Transaction[] = [];
  while (at < data.length) {
    if (isCommitLine(data, at)) {
      const commit = readCommitLine(data, at);
      if (
        commit === undefined ||
        commit.count !== records.length ||
        zlib.crc32(data.subarray(batchStart, at)) !== commit.crc
      )
        break;
      batches.push({ seq: commit.seq, kind: 'tx', records });
      records = [];
      at = commit.next;
      batchStart = at;
      good = at;
      continue;
    }
    const line = readTransactionLine(data, at);
    if (line === undefined) break;
    records.push(line.tx);
    at = line.next;
  }
  if (good < data.length) fs.truncateSync(file, good);
  return batches;
}

/** A TSV segment's stats before its first transaction. */
function emptyStats(file: string): RawSegment {
  return { file, rows: 0, minTime: Infinity, maxTime: -Infinity };
}

function addStats(stats: RawSegment, txs: readonly Transaction[]): void {
  let { minTime, maxTime } = stats;
  for (const tx of txs) {
    const t = Math.trunc(tx.time);
    if (t < minTime) minTime = t;
    if (t > maxTime) maxTime = t;
  }
  stats.rows += txs.length;
  stats.minTime = minTime;
  stats.maxTime = maxTime;
}
