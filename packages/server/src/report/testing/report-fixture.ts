/**
 * A real collector holding simulated history for the report tests: hourly rollups for a year and a
 * bit (so "same week last year" has data), 5-minute rows for the last days, written by the demo's
 * history generator into a fresh data directory, the collector's clock fixed at `now`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCollector, type Collector } from '../../collector/collector.js';
import { loadHistory } from '../../sim/demo-history.js';
import { createSimulator } from '../../sim/simulator.js';
import type { ReportContext } from '../model/report-context.js';

const DAY = 86_400_000;

export interface ReportFixture {
  collector: Collector;
  ctx: ReportContext;
  dataDir: string;
  close(): Promise<void>;
}

export async function openReportFixture(o: { now: number; days?: number; seed?: number }): Promise<ReportFixture> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-report-'));
  const collector = await openCollector({ dataDir, modes: 'user,ip', clock: () => o.now, autoTick: false });
  const { config } = collector;
  await loadHistory({
    store: collector.store,
    sim: createSimulator({ seed: o.seed ?? 11, peakCcu: 400 }),
    modes: config.modes,
    precision: config.precision,
    windowSeconds: config.windowSeconds,
    retentionMs: { '2s': 0, '1m': 0, '5m': DAY, '1h': (o.days ?? 380) * DAY },
    now: o.now,
    end: o.now,
    log: () => undefined,
  });
  const ctx: ReportContext = {
    collector,
    now: o.now,
    timeZone: 'Asia/Seoul',
    windowSeconds: config.windowSeconds,
    modes: config.modes,
  };
  return {
    collector,
    ctx,
    dataDir,
    close: async () => {
      await collector.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
