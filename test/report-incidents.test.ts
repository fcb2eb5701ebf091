/**
 * Incidents with their causes in a report: raw traffic with the simulator's injected CPU spike (one
 * user hammering an export route on one instance) is replayed into a real collector; the report over
 * those hours names the instance, the route and the (masked) user, in the JSON and in the HTML.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openSimulatedCollector,
  type SimulatedCollector,
} from '../packages/server/src/ask/tools/testing/simulated-collector.js';
import { buildReport } from '../packages/server/src/report/build-report.js';
import { maskUserKey } from '../packages/server/src/report/model/mask-report-strings.js';
import type { ReportContext } from '../packages/server/src/report/model/report-context.js';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 25, 2, 0);

let sim: SimulatedCollector;
let dataDir: string;
let ctx: ReportContext;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-report-incidents-'));
  sim = await openSimulatedCollector({ dataDir, now: NOW, days: 9, rawHours: 2 });
  ctx = {
    collector: sim.collector,
    now: NOW,
    timeZone: 'Asia/Seoul',
    windowSeconds: sim.collector.config.windowSeconds,
    modes: sim.collector.config.modes,
  };
}, 240_000);

afterAll(async () => {
  await sim?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('report incidents', () => {
  it('names the injected CPU spike with its instance, route and masked user', async () => {
    const truth = sim.truth.cpuSpike;
    expect(truth).toBeDefined();
    const r = await buildReport('weekly', { from: NOW - 2 * HOUR, to: NOW, format: 'html', lang: 'en' }, ctx);
    const spike = r.data.incidents.find((i) => i.metric === 'cpu' && i.instance === truth!.instance);
    expect(spike, JSON.stringify(r.data.incidents)).toBeDefined();
    expect(spike!.from).toBeLessThan(truth!.to);
    expect(spike!.to).toBeGreaterThan(truth!.from);
    expect(spike!.route).toBe(truth!.route);
    expect(spike!.user).toBe(maskUserKey(truth!.userId));
    expect(spike!.user).not.toContain(truth!.userId);
    const html = r.body.toString('utf8');
    expect(html).toContain(truth!.route);
    expect(html).not.toContain(truth!.userId);
  });
});
