/**
 * For tests of the commands that read a data directory (`ask --data`, `report --data`): a temporary
 * directory holding a closed collector with simulated rollup history up to now.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCollector } from '../../collector/collector.js';
import type { RollupLevel } from '../../rollup/rollup-row.js';
import { loadHistory } from '../demo-history.js';
import { createSimulator } from '../simulator.js';

export interface SimulatedDataDirOptions {
  /** Prefix of the temporary directory's name. */
  prefix: string;
  seed: number;
  peakCcu: number;
  /** Retention per rollup level; 0 leaves a level empty. */
  retentionMs: Record<RollupLevel, number>;
}

/** Returns the temporary root (remove it when done) and the data directory inside it. */
export async function createSimulatedDataDir(o: SimulatedDataDirOptions): Promise<{ tmp: string; dataDir: string }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), o.prefix));
  const dataDir = path.join(tmp, 'data');
  const now = Date.now();
  const collector = await openCollector({ dataDir, modes: 'user,ip', autoTick: false });
  try {
    await loadHistory({
      store: collector.store,
      sim: createSimulator({ seed: o.seed, peakCcu: o.peakCcu }),
      modes: collector.config.modes,
      precision: collector.config.precision,
      windowSeconds: collector.config.windowSeconds,
      retentionMs: o.retentionMs,
      now,
      end: now,
      log: () => undefined,
    });
  } finally {
    await collector.close();
  }
  return { tmp, dataDir };
}
