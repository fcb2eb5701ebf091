/**
 * Reads a file as chunks of whole lines, optionally following it like `tail -F`: after the end it
 * polls for appended data, reopens the path when the file is rotated (new inode), and starts over
 * when it is truncated. A line with no newline at the end is held while following (the writer may be
 * mid-line) and emitted at the end otherwise. A runaway line without newlines is cut at `maxCarry`
 * characters and the rest of it skipped, so memory stays bounded whatever the file holds.
 */
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

export interface LineChunk {
  lines: string[];
  /** 1-based number of `lines[0]` in the file (restarts at 1 after rotation or truncation). */
  firstLineNo: number;
  /** Bytes of the current file consumed so far. */
  position: number;
}

export interface ReadLineChunksOptions {
  follow?: boolean;
  /** Stops reading (and following) when aborted. */
  signal?: AbortSignal;
  chunkBytes?: number;
  pollMs?: number;
  maxCarry?: number;
  /** Called when following switches files or restarts one. */
  onEvent?: (event: 'rotated' | 'truncated') => void;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export async function* readLineChunks(file: string, options: ReadLineChunksOptions = {}): AsyncGenerator<LineChunk> {
  const { follow = false, signal, chunkBytes = 1 << 20, pollMs = 250, maxCarry = 4 << 20 } = options;
  let fh: FileHandle = await open(file, 'r');
  let identity = await fh.stat();
  let position = 0;
  let lineNo = 1;
  let carry = '';
  let skipping = false;
  let decoder = new StringDecoder('utf8');
  const buf = Buffer.allocUnsafe(chunkBytes);
  try {
    while (!signal?.aborted) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, position);
      if (bytesRead > 0) {
        position += bytesRead;
        let text = decoder.write(buf.subarray(0, bytesRead));
        if (skipping) {
          const nl = text.indexOf('\n');
          if (nl < 0) continue;
          text = text.slice(nl + 1);
          skipping = false;
        }
        text = carry + text;
        const lastNl = text.lastIndexOf('\n');
        if (lastNl < 0) {
          carry = text;
          if (carry.length > maxCarry) {
            // Emitted cut so the parser rejects it as too long; the rest of the line is skipped.
            yield { lines: [carry], firstLineNo: lineNo++, position };
            carry = '';
            skipping = true;
          }
          continue;
        }
        carry = text.slice(lastNl + 1);
        const lines = text.slice(0, lastNl).split('\n');
        yield { lines, firstLineNo: lineNo, position };
        lineNo += lines.length;
        continue;
      }
      if (!follow) break;
      await sleep(pollMs, signal);
      const now = await stat(file).catch(() => undefined);
      if (now === undefined) continue; // Between rename and re-create during rotation.
      if (now.ino !== identity.ino || now.dev !== identity.dev) {
        // Rotated: the old handle is at its end (we just read nothing), so switch to the new file.
        if (carry !== '') yield { lines: [carry], firstLineNo: lineNo, position };
        await fh.close();
        fh = await open(file, 'r');
        identity = await fh.stat();
        position = 0;
        lineNo = 1;
        carry = '';
        skipping = false;
        decoder = new StringDecoder('utf8');
        options.onEvent?.('rotated');
      } else if (now.size < position) {
        position = 0;
        lineNo = 1;
        carry = '';
        skipping = false;
        decoder = new StringDecoder('utf8');
        options.onEvent?.('truncated');
      }
    }
    const rest = carry + decoder.end();
    if (rest !== '' && !skipping) yield { lines: [rest], firstLineNo: lineNo, position };
  } finally {
    await fh.close();
  }
}
