/**
 * A collector on a fresh temporary data directory with a manual clock, for tests and benchmarks:
 * `advanceTo(t)` moves the clock and ticks once; the engine finalizes every 2 s bucket due on the way
 * exactly as a ticker firing at each boundary would (only the number of store flushes differs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCollector } from '../collector.js';
import type { Collector, CollectorOptions } from '../collector.js';

export interface TestCollector {
  collector: Collector;
  dataDir: string;
  now(): number;
  /** Moves the clock to `t` and ticks. */
  advanceTo(t: number): Promise<void>;
  /** Closes the collector and deletes the data directory. */
  dispose(): Promise<void>;
}

export async function openTestCollector(
  start: number,
  options: Partial<CollectorOptions> = {},
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-collector-')),
): Promise<TestCollector> {
  let clock = start;
  const collector = await openCollector({ dataDir, autoTick: false, clock: () => clock, ...options });
  return {
    collector,
    dataDir,
    now: () => clock,
    async advanceTo(t: number) {
      clock = Math.max(clock, t);
      await collector.tick();
    },
    async dispose() {
      await collector.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
