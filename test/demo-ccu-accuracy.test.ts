/**
 * The simulator's ground truth against the real collector: an hour of simulated traffic fed through
 * the collector's TelemetrySink on a simulated clock, then the collector's HyperLogLog estimate of
 * concurrent users compared with the exact count, per mode and per instance.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCollector, type Collector } from '../packages/server/src/collector/collector.js';
import type { Transaction } from '../packages/server/src/model/transaction.js';
import { GroundTruth } from '../packages/server/src/sim/ground-truth.js';
import { LiveFeeder } from '../packages/server/src/sim/live-feeder.js';
import { createSimulator } from '../packages/server/src/sim/simulator.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-ccu-'));
let collector: Collector | undefined;

afterAll(async () => {
  await collector?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('collector CCU against the simulator ground truth', () => {
  it('estimates concurrent users within the HyperLogLog error band of the exact count', async () => {
    // Tuesday 2026-11-24 10:00 in Seoul, one busy hour.
    const from = Date.UTC(2026, 10, 24, 1, 0);
    const to = from + 3_600_000;
    const sim = createSimulator({ seed: 21, peakCcu: 400 });
    const generator = sim.traffic(from, { incidents: 'none' });
    const fed: Transaction[] = [];
    const sink = {
      transactions: (txs: Transaction[]) => {
        fed.push(...txs);
        collector?.transactions(txs);
      },
      metrics: (s: Parameters<Collector['metrics']>[0]) => collector?.metrics(s),
      logs: (r: Parameters<Collector['logs']>[0]) => collector?.logs(r),
      sessionEvents: (e: Parameters<Collector['sessionEvents']>[0]) => collector?.sessionEvents(e),
    };
    let wall = from;
    const feeder = new LiveFeeder({
      generator,
      sink,
      tick: () => collector?.tick() ?? Promise.resolve(),
      now: () => wall,
    });
    collector = await openCollector({ dataDir, modes: 'user,cookie,ip,session', clock: feeder.clock, autoTick: false });
    wall = to;
    await feeder.catchUp(10_000, 60_000);

    const truth = new GroundTruth(fed);
    const at = to - 20_000;
    for (const mode of ['user', 'cookie', 'ip', 'session'] as const) {
      const estimate = await collector.concurrentUsers({ at, mode });
      const exact = truth.ccuAtBuckets(at, mode);
      expect(exact).toBeGreaterThan(50);
      // 0.81 % standard error at p = 14: three of them, plus a key or two of bucket-edge slack.
      expect(Math.abs(estimate.value - exact)).toBeLessThanOrEqual(Math.ceil(exact * 0.025) + 2);
      for (const inst of estimate.instances) {
        const exactInst = truth.ccuAtBuckets(at, mode, 300, inst.instance);
        expect(Math.abs(inst.value - exactInst)).toBeLessThanOrEqual(Math.ceil(exactInst * 0.03) + 2);
      }
    }
  }, 120_000);
});
