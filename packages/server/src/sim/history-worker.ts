/**
 * Worker-thread side of history generation: builds the simulator from the options it was given,
 * generates history and posts row batches to the parent, waiting for each batch to be acknowledged
 * before posting the next (so rows never pile up faster than the store writes them).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { RollupRow } from '../rollup/rollup-row.js';
import { generateHistory, type HistoryOptions, type HistoryResult } from './history-generator.js';
import type { SimOptionsInput } from './sim-options.js';
import { createSimulator } from './simulator.js';

export interface HistoryWorkerData {
  sim: SimOptionsInput;
  history: HistoryOptions;
}

export type HistoryWorkerMessage =
  | { type: 'rows'; rows: RollupRow[] }
  | { type: 'progress'; done: number; total: number; rows: number }
  | { type: 'done'; result: HistoryResult }
  | { type: 'error'; message: string };

const port = parentPort;
if (port) {
  const data = workerData as HistoryWorkerData;
  let acked: Promise<void> = Promise.resolve();
  let release: () => void = () => undefined;
  port.on('message', (m: unknown) => {
    if (m === 'ack') release();
  });
  const post = (m: HistoryWorkerMessage): void => port.postMessage(m);
  generateHistory(
    createSimulator(data.sim),
    data.history,
    async (rows) => {
      await acked;
      acked = new Promise((resolve) => (release = resolve));
      post({ type: 'rows', rows });
    },
    (done, total, rows) => post({ type: 'progress', done, total, rows }),
  )
    .then(async (result) => {
      await acked;
      post({ type: 'done', result });
    })
    .catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
}
