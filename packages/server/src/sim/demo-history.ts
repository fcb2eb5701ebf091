/**
 * Loads the demo's history into a store: rollup rows from the history generator, written in
 * batches with progress, and a marker file in the data directory so the next start reuses them
 * (only the hours since the last run are generated) unless `--reset` asks for fresh history.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { UserKeyMode } from '../model/transaction.js';
import type { RollupLevel } from '../rollup/rollup-row.js';
import { RAW_DIR } from '../store/raw-tier.js';
import type { Store } from '../store/store.js';
import type { RollupRow } from '../rollup/rollup-row.js';
import { generateHistory, type HistoryOptions, type HistoryResult } from './history-generator.js';
import { generateHistoryInWorker } from './history-in-worker.js';
import type { SimOptionsInput } from './sim-options.js';
import type { Simulator } from './simulator.js';

export const DEMO_MARKER_FILE = 'demo.json';

const markerSchema = z.object({
  version: z.literal(1),
  seed: z.number(),
  modes: z.array(z.string()),
  precision: z.number(),
  /** Data exists up to here (history, replayed and live traffic), epoch ms. */
  coveredUntil: z.number(),
});
export type DemoMarker = z.infer<typeof markerSchema>;

export function readDemoMarker(dataDir: string): DemoMarker | undefined {
  try {
    const parsed = markerSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, DEMO_MARKER_FILE), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeDemoMarker(dataDir: string, marker: DemoMarker): void {
  const file = path.join(dataDir, DEMO_MARKER_FILE);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(marker));
  fs.renameSync(`${file}.tmp`, file);
}

/** Removes what a demo run leaves in the data directory (the database, its journal, raw files and the marker). */
export function resetDemoData(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  for (const name of fs.readdirSync(dataDir)) {
    if (
      name.startsWith('promptops.duckdb') ||
      name === 'journal' ||
      name === RAW_DIR ||
      name.startsWith(DEMO_MARKER_FILE)
    ) {
      fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
    }
  }
}

/** Whether stored data can be reused: same seed, modes and precision. */
export function markerMatches(
  marker: DemoMarker | undefined,
  seed: number,
  modes: readonly UserKeyMode[],
  precision: number,
): boolean {
  return (
    marker !== undefined &&
    marker.seed === seed &&
    marker.precision === precision &&
    marker.modes.join(',') === modes.join(',')
  );
}

export interface LoadHistoryOptions {
  store: Store;
  sim: Simulator;
  modes: readonly UserKeyMode[];
  precision: number;
  windowSeconds: number;
  retentionMs: Record<RollupLevel, number>;
  now: number;
  /** History stops here (raw traffic covers the rest). */
  end: number;
  /** Generate only from here (the hours a reused data directory is missing). */
  from?: number;
  /** Generate on a worker thread from these simulator options (the same ones `sim` was made from). */
  simOptions?: SimOptionsInput;
  /** True once the demo is shutting down: a failure then is the store closing, not a reason to retry. */
  stopped?: () => boolean;
  /** Progress lines (stderr in the demo). */
  log: (line: string) => void;
}

export async function loadHistory(o: LoadHistoryOptions): Promise<HistoryResult & { ms: number }> {
  const started = performance.now();
  // The 2 s level is left to the collector: raw traffic covers the last hours.
  const { '2s': _twoSeconds, ...retention } = o.retentionMs;
  let lastReport = 0;
  let pending: Promise<void> = Promise.resolve();
  const history: HistoryOptions = {
    now: o.now,
    end: o.end,
    retentionMs: retention,
    modes: o.modes,
    precision: o.precision,
    windowSeconds: o.windowSeconds,
    ...(o.from === undefined ? {} : { from: o.from }),
  };
  const write = async (rows: RollupRow[]): Promise<void> => {
    // One write in flight: DuckDB stores a batch while the next one is generated.
    await pending;
    pending = o.store.upsertRollups(rows);
  };
  const progress = (done: number, total: number, rows: number): void => {
    const now = performance.now();
    if (now - lastReport < 2_000 && done < total) return;
    lastReport = now;
    const pct = Math.round((100 * done) / total);
    o.log(`history: ${pct}% (${rows.toLocaleString('en-US')} rollup rows, ${((now - started) / 1000).toFixed(1)} s)`);
  };
  let result: HistoryResult;
  if (o.simOptions !== undefined) {
    try {
      result = await generateHistoryInWorker(o.simOptions, history, {
        write: (rows) => o.store.upsertRollups(rows),
        progress,
      });
      return { ...result, ms: performance.now() - started };
    } catch (err) {
      if (o.stopped?.() === true) throw err;
      // Rows are upserted by key, so starting over on this thread rewrites, never duplicates.
      o.log(
        `history worker failed (${err instanceof Error ? err.message : String(err)}); generating on the main thread`,
      );
    }
  }
  result = await generateHistory(o.sim, history, write, progress);
  await pending;
  return { ...result, ms: performance.now() - started };
}
