/**
 * Import progress on stderr: a cli-progress bar when stderr is a terminal, otherwise a plain line
 * every few seconds (CI logs and redirected output must not fill with carriage-return frames).
 */
import { SingleBar } from 'cli-progress';
import type { ImportSummary } from './import-summary.js';

export interface ImportProgress {
  /** `done`/`total` in bytes (total 0 when unknown, as when following). */
  update(done: number, total: number): void;
  stop(): void;
}

export function createImportProgress(
  summary: ImportSummary,
  stream: NodeJS.WriteStream = process.stderr,
): ImportProgress {
  const counts = () =>
    `${summary.lines.toLocaleString('en')} lines, ${summary.accepted.toLocaleString('en')} accepted, ${summary.rejected.toLocaleString('en')} rejected`;
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: 'import [{bar}] {percentage}% | {counts}',
      hideCursor: true,
      clearOnComplete: true,
    });
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(Math.max(total, 1), 0, { counts: counts() });
          started = true;
        }
        if (total > 0) bar.setTotal(total);
        bar.update(total > 0 ? done : 0, { counts: counts() });
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let last = performance.now();
  return {
    update(done, total) {
      const now = performance.now();
      if (now - last < 5000) return;
      last = now;
      const pct = total > 0 ? ` (${((100 * done) / total).toFixed(0)}% of ${(total / 2 ** 20).toFixed(1)} MiB)` : '';
      stream.write(`import: ${counts()}${pct}\n`);
    },
    stop() {},
  };
}
