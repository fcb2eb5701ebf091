/**
 * The import loops behind `promptops import`: every file read as line chunks (followed like `tail -F`
 * when asked), written to a target, counted in an ImportSummary, with progress on stderr. Stops
 * cleanly when the signal aborts (SIGINT while following): lines already read are still written.
 */
import { stat } from 'node:fs/promises';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { OtlpSignal } from '../otlp/otlp-payload.js';
import type { AccessLogTargetFactory } from './access-log-targets.js';
import type { ImportProgress } from './import-progress.js';
import type { ImportSummary } from './import-summary.js';
import type { OtlpTarget } from './otlp-file-import.js';
import { otlpFilePayloads } from './otlp-file-import.js';
import { readLineChunks } from './read-line-chunks.js';

export interface ImportRun {
  summary: ImportSummary;
  progress: ImportProgress;
  signal?: AbortSignal;
  /** Lines per write: larger batches amortise HTTP requests and sink calls. */
  chunkLines?: number;
  /** Notes for the user (rotation, truncation) on stderr. */
  note?: (line: string) => void;
}

async function totalBytes(files: string[]): Promise<number> {
  let total = 0;
  for (const f of files) {
    try {
      total += (await stat(f)).size;
    } catch (err) {
      throw new PromptOpsError('invalid_parameter', `cannot read ${f}: ${(err as Error).message}`, { cause: err });
    }
  }
  return total;
}

export async function importAccessLogs(
  files: string[],
  targets: AccessLogTargetFactory,
  run: ImportRun & { follow?: boolean },
): Promise<void> {
  const { summary, progress, signal, chunkLines = 20_000 } = run;
  const total = run.follow ? 0 : await totalBytes(files);
  let doneBefore = 0;
  // Followed files are read concurrently (each never ends); plain imports go one file at a time.
  const one = async (file: string) => {
    summary.files.push(file);
    let target = targets();
    let position = 0;
    for await (const chunk of readLineChunks(file, {
      follow: run.follow,
      signal,
      onEvent: (e) => {
        target = targets(); // A rotated or truncated file starts a new parser (W3C #Fields state).
        run.note?.(`${file}: ${e}, reading from the start`);
      },
    })) {
      for (let i = 0; i < chunk.lines.length; i += chunkLines) {
        const lines = i === 0 && chunk.lines.length <= chunkLines ? chunk.lines : chunk.lines.slice(i, i + chunkLines);
        summary.lines += lines.length;
        summary.add(file, await target.write(lines, chunk.firstLineNo + i));
      }
      position = chunk.position;
      progress.update(doneBefore + position, total);
    }
    doneBefore += position;
  };
  if (run.follow) await Promise.all(files.map(one));
  else for (const file of files) await one(file);
}

export async function importOtlpFiles(
  files: string[],
  target: OtlpTarget,
  run: ImportRun & { signal?: AbortSignal; otlpSignal?: OtlpSignal },
): Promise<void> {
  const { summary, progress } = run;
  const total = await totalBytes(files);
  let done = 0;
  for (const file of files) {
    summary.files.push(file);
    for (const p of await otlpFilePayloads(file, run.otlpSignal)) {
      summary.lines++;
      if ('reason' in p) {
        summary.reject(file, p.line, p.reason);
        continue;
      }
      try {
        summary.add(file, await target.write(p));
      } catch (err) {
        const e = PromptOpsError.from(err);
        if (e.code !== 'malformed_payload') throw e;
        summary.reject(file, p.line, e.message);
      }
    }
    done += (await stat(file)).size;
    progress.update(done, total);
  }
}
