/**
 * Child process of the crash test (collector-restart.test.ts): opens a collector on the data directory
 * given as argv[2] with the real ticker, ingests numbered batches as fast as it can and prints
 * `ack <n>` after each `transactions()` call returns, until the parent kills it. It also flushes every
 * 1.5 s itself and prints `flushed <n>` (batches up to n committed), so the parent can kill it at a
 * point where part of the acknowledged data is checkpointed and part only journaled.
 */
import { openCollector } from '../collector.js';
import type { Transaction } from '../../model/transaction.js';

const dataDir = process.argv[2];
const collector = await openCollector({ dataDir, modes: 'user,ip' });
let batch = 0;

function ingestOne(): void {
  const now = Date.now();
  const txs: Transaction[] = [];
  for (let i = 0; i < 200; i++) {
    const user = (batch * 7 + i) % 900;
    txs.push({
      time: now - (i % 50),
      durationMs: 5 + (i % 40),
      status: i % 97 === 0 ? 500 : 200,
      error: i % 97 === 0,
      method: 'GET',
      url: `/b/${batch}/${i}`,
      route: '/b/:batch/:i',
      instance: `app-${i % 2}`,
      service: 'crash-test',
      clientIp: `10.0.${user >> 8}.${user & 255}`,
      userId: `u${user}`,
      bytes: 10,
    });
  }
  collector.transactions(txs);
  process.stdout.write(`ack ${batch}\n`);
  batch++;
  setTimeout(ingestOne, 2);
}

setInterval(() => {
  const upTo = batch - 1;
  void collector.flush().then(() => process.stdout.write(`flushed ${upTo}\n`));
}, 1_500);

ingestOne();
