/**
 * A real collector over simulated traffic for the ask tests and `npx promptops bench ask`: days of
 * rollup history from the simulator's history generator, then a raw-traffic replay (with injected
 * incidents) up to a fixed "now", exactly as `promptops demo` builds its data, only smaller.
 */
import { openCollector, type Collector } from '../../../collector/collector.js';
import type { UserKeyMode } from '../../../model/transaction.js';
import { loadHistory } from '../../../sim/demo-history.js';
import type { IncidentTruth } from '../../../sim/incidents.js';
import { LiveFeeder } from '../../../sim/live-feeder.js';
import { createSimulator, type Simulator } from '../../../sim/simulator.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface SimulatedCollectorOptions {
  dataDir: string;
  /** The fixed "now" of the data, epoch ms (the collector's clock stays there). */
  now: number;
  /** Days of 1 h history (the finer levels cover the last two days). Default 9. */
  days?: number;
  /** Hours of raw traffic replayed before now. Default 1. */
  rawHours?: number;
  seed?: number;
  peakCcu?: number;
  modes?: UserKeyMode[];
}

export interface SimulatedCollector {
  collector: Collector;
  sim: Simulator;
  now: number;
  rawFrom: number;
  /** The incidents injected into the raw traffic. */
  truth: IncidentTruth;
  close(): Promise<void>;
}

export async function openSimulatedCollector(o: SimulatedCollectorOptions): Promise<SimulatedCollector> {
  const days = o.days ?? 9;
  const rawHours = o.rawHours ?? 1;
  const sim = createSimulator({ seed: o.seed ?? 7, peakCcu: o.peakCcu ?? 300 });
  const rawFrom = Math.floor((o.now - rawHours * HOUR) / HOUR) * HOUR;
  let clock = (): number => rawFrom;
  const collector = await openCollector({
    dataDir: o.dataDir,
    modes: (o.modes ?? ['user', 'ip']).join(','),
    clock: () => clock(),
    autoTick: false,
  });
  const { config } = collector;
  await loadHistory({
    store: collector.store,
    sim,
    modes: config.modes,
    precision: config.precision,
    windowSeconds: config.windowSeconds,
    retentionMs: { '2s': 2 * HOUR, '1m': 2 * DAY, '5m': Math.min(days, 3) * DAY, '1h': days * DAY },
    now: o.now,
    end: rawFrom,
    log: () => undefined,
  });
  const generator = sim.traffic(rawFrom, { incidents: 'default', until: o.now });
  const feeder = new LiveFeeder({ generator, sink: collector, tick: () => collector.tick(), now: () => o.now });
  clock = feeder.clock;
  await feeder.catchUp(10_000, 30_000);
  await collector.flush();
  await collector.store.compactRaw?.();
  return { collector, sim, now: o.now, rawFrom, truth: generator.truth, close: () => collector.close() };
}
