/**
 * `promptops k8s` as an operator runs it: `manifests --out` writes valid manifests with the policy of a
 * sentence; `simulate` replays that policy over 31 days of simulated history, from the data directory
 * and from a running server, and both give the same figures as the in-process simulation.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/src/api/server.js';
import { openSimulatedCollector } from '../packages/server/src/ask/tools/testing/simulated-collector.js';
import { openCollector, type Collector } from '../packages/server/src/collector/collector.js';
import { checkManifests } from '../packages/server/src/k8s/manifest-checks.js';
import type { K8sObject } from '../packages/server/src/k8s/manifests.js';
import { historyFromCollector } from '../packages/server/src/k8s/policy-history.js';
import { policyFromRule } from '../packages/server/src/k8s/scaling-policy.js';
import { simulatePolicy, type SimulationResult } from '../packages/server/src/k8s/simulate-policy.js';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..');
const bin = path.join(repoRoot, 'packages/server/bin/promptops.js');
const SENTENCE = '동시접속자 수가 1,000명을 넘으면 Pod를 2개 추가하고 500명 미만이면 1개로 줄여줘';
const RULE = { scaleUp: { above: 1000, add: 2 }, scaleDown: { below: 500, to: 1 } };

let dir: string;
let dataDir: string;

async function cli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [bin, ...args], { cwd: dir, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-k8s-cli-'));
  dataDir = path.join(dir, 'data');
  // 31 days of history peaking near 1,500 users, so the 1,000 threshold is crossed on weekdays.
  const sim = await openSimulatedCollector({
    dataDir,
    now: Date.now(),
    days: 31,
    rawHours: 1,
    peakCcu: 1500,
    modes: ['user'],
  });
  await sim.close();
}, 300_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('promptops k8s manifests', () => {
  it('writes every file, valid and consistent, with the policy of the sentence', async () => {
    const out = path.join(dir, 'manifests');
    const { stdout } = await cli([
      'k8s',
      'manifests',
      '--out',
      out,
      '--namespace',
      'shop',
      '--image',
      'registry.local/promptops:1',
      '--policy',
      SENTENCE,
      '--max-replicas',
      '6',
    ]);
    expect(stdout).toMatch(/wrote 6 files/);
    expect(stdout).toMatch(/AverageValue 1000/);
    const objects = fs
      .readdirSync(out)
      .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(out, f), 'utf8')).map((d) => d.toJS() as K8sObject));
    expect(checkManifests(objects)).toEqual([]);
    const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as K8sObject & {
      spec: { maxReplicas: number };
    };
    expect(hpa.metadata.namespace).toBe('shop');
    expect(hpa.spec.maxReplicas).toBe(6);
    const dep = JSON.stringify(objects.find((o) => o.kind === 'Deployment'));
    expect(dep).toContain('registry.local/promptops:1');
  }, 120_000);

  it('explains a sentence with no threshold', async () => {
    await expect(cli(['k8s', 'manifests', '--policy', 'make it fast'])).rejects.toMatchObject({
      stderr: expect.stringMatching(/no threshold found/),
    });
  }, 120_000);
});

describe('promptops k8s simulate', () => {
  let expected: SimulationResult;
  let collector: Collector;
  let server: RunningServer;

  beforeAll(async () => {
    collector = await openCollector({ dataDir, autoTick: false, modes: 'user' });
    const history = await historyFromCollector(collector, Date.now(), 30);
    const peak = Math.max(...history.ccu.map((p) => p.value));
    expected = simulatePolicy({ policy: policyFromRule(RULE, { observedPeak: peak }), ...history });
    server = await startServer({ collector, port: 0, log: () => undefined });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await collector?.close();
  });

  it('from a running server: the same pods per hour as in process, scaling and pod-hours', async () => {
    const { stdout } = await cli(['k8s', 'simulate', '--policy', SENTENCE, '--server', server.url, '--json']);
    const got = JSON.parse(stdout) as { simulation: SimulationResult };
    expect(got.simulation.hours.length).toBeGreaterThanOrEqual(24 * 29);
    expect(got.simulation.hpa).toEqual(expected.hpa);
    expect(got.simulation.hours.map((h) => h.hpa)).toEqual(expected.hours.map((h) => h.hpa));
    // Weekday peaks above 1,000 scale out; nights below 500 come back to one pod.
    expect(got.simulation.hpa.maxPods).toBeGreaterThanOrEqual(2);
    expect(got.simulation.hpa.minPods).toBe(1);
    expect(got.simulation.hpa.scaleEvents).toBeGreaterThanOrEqual(2);
    expect(got.simulation.cpuModel.basis).toBe('history');
  }, 120_000);

  it('prints the mapping, the comparison table, warnings and one line per day', async () => {
    const { stdout } = await cli(['k8s', 'simulate', '--policy', SENTENCE, '--server', server.url, '--days', '7']);
    expect(stdout).toMatch(/Policy simulation over 7 days/);
    expect(stdout).toMatch(/HPA \(CCU ÷ 1000\)\s+\d+/);
    expect(stdout).toMatch(/rule as stated\s+\d+/);
    expect(stdout).toMatch(/CPU HPA\s+\d+/);
    expect(stdout.match(/^ {2}\d{4}-\d{2}-\d{2} /gm)?.length).toBeGreaterThanOrEqual(7);
  }, 120_000);
});
