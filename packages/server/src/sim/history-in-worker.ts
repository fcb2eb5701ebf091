/**
 * Runs the history generator on a worker thread, so the demo's replay of raw traffic (main thread)
 * and 13 months of history use both cores. The worker is TypeScript: it is started through tsx's
 * loader, with the repository's tsconfig so workspace packages resolve to their sources.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RollupRow } from '../rollup/rollup-row.js';
import type { HistoryOptions, HistoryResult } from './history-generator.js';
import type { HistoryWorkerData, HistoryWorkerMessage } from './history-worker.js';
import type { SimOptionsInput } from './sim-options.js';

export interface WorkerHistoryCallbacks {
  /** Writes a batch; the next batch is generated meanwhile and posted once this resolves. */
  write: (rows: RollupRow[]) => Promise<void>;
  progress?: (done: number, total: number, rows: number) => void;
}

export function generateHistoryInWorker(
  sim: SimOptionsInput,
  history: HistoryOptions,
  callbacks: WorkerHistoryCallbacks,
): Promise<HistoryResult> {
  const entry = new URL('./history-worker.ts', import.meta.url).href;
  const tsconfig = fileURLToPath(new URL('../../../../tsconfig.json', import.meta.url));
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `
    import(${JSON.stringify(tsxApi)}).then(({ register }) => {
      register({ tsconfig: ${fs.existsSync(tsconfig) ? JSON.stringify(tsconfig) : 'false'} });
      return import(${JSON.stringify(entry)});
    });`;
  const workerData: HistoryWorkerData = { sim, history };
  const worker = new Worker(bootstrap, { eval: true, workerData });
  return new Promise<HistoryResult>((resolve, reject) => {
    let writing: Promise<void> = Promise.resolve();
    worker.on('message', (m: HistoryWorkerMessage) => {
      switch (m.type) {
        case 'rows':
          writing = writing.then(() => callbacks.write(m.rows)).then(() => worker.postMessage('ack'));
          writing.catch((err: unknown) => {
            void worker.terminate();
            reject(err instanceof Error ? err : new Error(String(err)));
          });
          return;
        case 'progress':
          callbacks.progress?.(m.done, m.total, m.rows);
          return;
        case 'done':
          void writing.then(() => {
            void worker.terminate();
            resolve(m.result);
          });
          return;
        case 'error':
          void worker.terminate();
          reject(new Error(`history worker: ${m.message}`));
          return;
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`history worker exited with code ${code}`));
    });
  });
}
