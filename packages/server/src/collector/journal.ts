/**
 * The ingest journal: every accepted batch is appended here before the ingest call returns, so a
 * crash loses nothing that was acknowledged. Records are `[u32 length][u32 crc32][JSON payload]`
 * (little endian) in segment files `journal/<first seq>.log`; a new segment starts at every flush, and
 * segments wholly covered by the store's committed checkpoint are deleted.
 *
 * Durability: `writeSync` puts the record in the OS page cache before the call returns, which survives
 * the process being killed. Surviving power loss needs fsync: policy `batch` fsyncs every append,
 * `tick` once per 2 s flush (up to 2 s of acknowledged data at risk on power loss), `off` never.
 * Replay stops at the first torn or corrupt record (the crash point) and truncates the segment there.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PromptOpsError } from '../errors/promptops-error.js';

export type FsyncPolicy = 'batch' | 'tick' | 'off';

export interface JournalRecord<K extends string = string> {
  seq: number;
  kind: K;
  records: unknown[];
}

const HEADER_BYTES = 8;
const SEGMENT_RE = /^(\d{16})\.log$/;

export class Journal {
  private fd: number | null = null;
  private segmentFirst = 0;
  private nextSeq: number;

  private constructor(
    private readonly dir: string,
    private readonly fsync: FsyncPolicy,
    nextSeq: number,
  ) {
    this.nextSeq = nextSeq;
  }

  /**
   * Opens the journal of a data directory and replays every intact record with seq > `afterSeq`,
   * in order, through `onRecord`. New appends continue after the highest seq seen.
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
    for (const file of segmentFiles(dir)) {
      last = Math.max(last, replaySegment(path.join(dir, file), afterSeq, onRecord));
    }
    return new Journal(dir, fsync, last + 1);
  }

  /** Sequence number of the newest appended record (0 when none yet). */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Appends one batch; returns its sequence number. Throws `unavailable` if the disk refuses. */
  append(kind: string, records: readonly unknown[]): number {
    const seq = this.nextSeq;
    const json = JSON.stringify({ seq, kind, records });
    const length = Buffer.byteLength(json);
    const buf = Buffer.allocUnsafe(HEADER_BYTES + length);
    buf.write(json, HEADER_BYTES, 'utf8');
    buf.writeUInt32LE(length, 0);
    buf.writeUInt32LE(zlib.crc32(buf.subarray(HEADER_BYTES)), 4);
    try {
      const fd = this.currentFd();
      fs.writeSync(fd, buf);
      if (this.fsync === 'batch') fs.fsyncSync(fd);
    } catch (err) {
      throw new PromptOpsError('unavailable', 'cannot write the ingest journal', { cause: err });
    }
    this.nextSeq++;
    return seq;
  }

  /** Ends the current segment (fsyncing it under `tick`/`batch`); the next append starts a new one. */
  rotate(): void {
    if (this.fd === null) return;
    if (this.fsync !== 'off') fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = null;
  }

  /** Deletes closed segments whose every record has seq ≤ `seq` (committed to the store). */
  truncateThrough(seq: number): void {
    const files = segmentFiles(this.dir);
    for (let i = 0; i < files.length; i++) {
      const first = firstSeqOf(files[i]);
      if (this.fd !== null && first === this.segmentFirst) continue;
      const nextFirst = i + 1 < files.length ? firstSeqOf(files[i + 1]) : this.nextSeq;
      if (nextFirst - 1 <= seq) fs.rmSync(path.join(this.dir, files[i]), { force: true });
    }
  }

  close(): void {
    this.rotate();
  }

  private currentFd(): number {
    if (this.fd === null) {
      this.segmentFirst = this.nextSeq;
      const file = path.join(this.dir, `${String(this.segmentFirst).padStart(16, '0')}.log`);
      this.fd = fs.openSync(file, 'a');
    }
    return this.fd;
  }
}

function segmentFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => SEGMENT_RE.test(f))
    .sort();
}

function firstSeqOf(file: string): number {
  return Number(SEGMENT_RE.exec(file)![1]);
}

/** Replays one segment; returns the highest seq read. Truncates a torn tail. */
function replaySegment(file: string, afterSeq: number, onRecord: (r: JournalRecord) => void): number {
  const data = fs.readFileSync(file);
  let offset = 0;
  let last = 0;
  while (offset + HEADER_BYTES <= data.length) {
    const length = data.readUInt32LE(offset);
    const crc = data.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (end > data.length) break;
    const payload = data.subarray(offset + HEADER_BYTES, end);
    if (zlib.crc32(payload) !== crc) break;
    const record = JSON.parse(payload.toString('utf8')) as JournalRecord;
    last = record.seq;
    if (record.seq > afterSeq) onRecord(record);
    offset = end;
  }
  if (offset < data.length) fs.truncateSync(file, offset);
  return last;
}
