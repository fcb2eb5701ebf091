/**
 * Child process of the crash tests (collector-restart.test.ts): opens a collector on the data directory
 * given as argv[2] with the real ticker, ingests numbered batches as fast as it can and prints
 * `ack <n>` after each `transactions()` call returns, until it is killed. It also flushes every 1.5 s
 * itself and prints `flushed <n>` (batches up to n committed), so the parent can kill it at a point
 * where part of the acknowledged data is checkpointed and part only journaled.
 *
 * argv[3], optional, is a kill point (kill-points.ts) where the child SIGKILLs itself inside its third
 * flush that loads journal segments (two flushes already committed), to hit one crash window exactly.
 * Either way the store is wrapped, not replaced: the real DuckDB store does the work. The store write
 * is delayed 300 ms first so that batches keep landing in fresh segments that only the journal holds.
 */
import { openCollector } from '../collector.js';
import type { Transaction } from '../../model/transaction.js';
import type { StoreBatch } from '../../store/store.js';
import { KILL_POINTS } from './kill-points.js';
import type { KillPoint } from './kill-points.js';

const dataDir = process.argv[2];
const killPoint = process.argv[3] as KillPoint | undefined;
if (killPoint !== undefined && !KILL_POINTS.includes(killPoint)) throw new Error(`unknown kill point ${killPoint}`);
const collector = await openCollector({ dataDir, modes: 'user,ip' });
let batch = 0;

if (killPoint !== undefined) {
  const store = collector.store;
  const writeBatch = store.writeBatch.bind(store);
  let segmentFlushes = 0;
  store.writeBatch = async (b: StoreBatch): Promise<void> => {
    if ((b.rawTransactionSegments?.length ?? 0) > 0 && ++segmentFlushes === 3) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (killPoint === 'before-commit') process.kill(process.pid, 'SIGKILL');
      await writeBatch(b);
      // Synchronously after the commit resolved: the collector's segment deletion has not run yet.
      process.kill(process.pid, 'SIGKILL');
    }
    return writeBatch(b);
  };
}

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
