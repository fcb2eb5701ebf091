/**
 * The root-cause and security analyses end to end: four hours of simulated shop traffic with the
 * default incidents (an export loop saturating one instance's CPU, a heavy report query ending in an
 * OutOfMemoryError, a password-guessing burst from one address, four background-polling sessions) are
 * ingested into a real collector (temporary data directory, DuckDB store) and the analyses, reading
 * through `analysis/data-access`, must name exactly the injected causes; the same hours without
 * incidents must give no cause and no finding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';
import {
  abnormalAccessFromStore,
  oomFromStore,
  resourceSpikeFromStore,
} from '../packages/server/src/analysis/data-access.js';
import { CPU_SPIKE_ROUTE, OOM_STATEMENT, type IncidentTruth } from '../packages/server/src/sim/incidents.js';
import { createSimulator } from '../packages/server/src/sim/simulator.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
// Wednesday 08:00 to 12:00 in Seoul: the morning ramp, so baselines move under the analyses.
const T0 = Date.UTC(2026, 10, 17, 23, 0, 0);
const T1 = T0 + 4 * HOUR;
const RANGE = { from: T0, to: T1 };

async function ingestSimulation(incidents: 'default' | 'none'): Promise<{ c: TestCollector; truth: IncidentTruth }> {
  const sim = createSimulator({ seed: 11 });
  const run = sim.traffic(T0, { incidents, until: T1 });
  const c = await openTestCollector(T0, { modes: 'user,ip' });
  for (let t = T0; t < T1; t += 5 * MINUTE) {
    const b = run.advance(t + 5 * MINUTE);
    c.collector.transactions(b.transactions);
    c.collector.metrics(b.metrics);
    c.collector.logs(b.logs);
    c.collector.sessionEvents(b.sessionEvents);
    await c.advanceTo(t + 5 * MINUTE);
  }
  await c.advanceTo(T1 + MINUTE);
  return { c, truth: run.truth };
}

let incident: { c: TestCollector; truth: IncidentTruth };
let clean: { c: TestCollector; truth: IncidentTruth };

beforeAll(async () => {
  incident = await ingestSimulation('default');
  clean = await ingestSimulation('none');
}, 480_000);

afterAll(async () => {
  await incident?.c.dispose();
  await clean?.c.dispose();
});

describe('CPU spike root cause', () => {
  it('names the injected user and export URL on the injected instance, explaining most of the excess', async () => {
    const truth = incident.truth.cpuSpike;
    expect(truth).toBeDefined();
    if (!truth) return;
    const r = await resourceSpikeFromStore(incident.c.collector.store, { metric: 'cpu', range: RANGE });
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(r.instance).toBe(truth.instance);
    expect(r.cause.route.key).toBe(CPU_SPIKE_ROUTE);
    expect(r.cause.user.key).toBe(truth.userId);
    expect(r.cause.routeExcessShare).toBeGreaterThan(0.5);
    expect(r.cause.userExcessShare).toBeGreaterThan(0.5);
    // The window found overlaps the injected one and starts within a minute of it.
    expect(Math.abs(r.spike.window.from - truth.from)).toBeLessThanOrEqual(MINUTE);
    expect(r.spike.window.to).toBeGreaterThan(truth.to - MINUTE);
    // Every culprit row is the user's export on that instance, and there are about as many as injected.
    expect(r.cause.rows.every((tx) => tx.userId === truth.userId && tx.route === CPU_SPIKE_ROUTE)).toBe(true);
    expect(r.cause.rowCount).toBeGreaterThanOrEqual(truth.requests - 2);
    expect(r.cause.rowCount).toBeLessThanOrEqual(truth.requests);
    expect(r.spike.routes.rows[0]?.key).toBe(CPU_SPIKE_ROUTE);
    expect(r.evidence.every((e) => e.rows > 0)).toBe(true);
  });

  it('reports no cause, and no spike, on the same hours without incidents', async () => {
    for (const metric of ['cpu', 'memory', 'heap'] as const) {
      const r = await resourceSpikeFromStore(clean.c.collector.store, { metric, range: RANGE });
      expect(r.found, metric).toBe(false);
      expect(r.windows, metric).toEqual([]);
      if (!r.found) expect(r.reason).toMatch(/no .* spike/);
    }
  });

  it('traces the heap spike before the OOM to the heavy report request', async () => {
    const truth = incident.truth.oom;
    const r = await resourceSpikeFromStore(incident.c.collector.store, { metric: 'heap', range: RANGE });
    expect(r.found).toBe(true);
    if (!r.found || !truth) return;
    expect(r.instance).toBe(truth.instance);
    expect(r.cause.route.key).toBe(truth.route);
    expect(r.cause.user.key).toBe(truth.userId);
  });
});

describe('OOM analysis', () => {
  it('finds the one OutOfMemoryError and ranks the injected heavy query first', async () => {
    const truth = incident.truth.oom;
    expect(truth).toBeDefined();
    if (!truth) return;
    const r = await oomFromStore(incident.c.collector.store, RANGE);
    expect(r.found).toBe(true);
    if (!r.found) return;
    expect(r.ooms).toHaveLength(1);
    const oom = r.ooms[0];
    if (!oom) return;
    expect(oom.event.instance).toBe(truth.instance);
    expect(oom.event.at).toBe(truth.at);
    const top = oom.candidates[0];
    expect(top?.tx.traceId).toBe(truth.traceId);
    expect(top?.linked).toBe(true);
    expect(top?.tx.userId).toBe(truth.userId);
    expect(oom.heavyStatements[0]?.statement).toBe(OOM_STATEMENT);
    expect(oom.heavyStatements[0]?.traceIds).toContain(truth.traceId);
    expect(oom.queryLikeUrls.map((u) => u.url)).toContain(truth.url);
    // Without the trace link the heavy query still ranks first on its weight alone.
    const unlinked = oom.candidates.filter((c) => !c.linked);
    expect(unlinked.length).toBeGreaterThan(0);
    expect(top && top.score - 2).toBeGreaterThan(unlinked[0]?.score ?? 0);
  });

  it('reports nothing when no OOM happened', async () => {
    const r = await oomFromStore(clean.c.collector.store, RANGE);
    expect(r.found).toBe(false);
  });
});

describe('abnormal access', () => {
  // The last two hours (the login burst is at 2.6 h), with half an hour before them as the baseline.
  const LAST_2H = { from: T0 + 2 * HOUR, to: T1 };
  const options = { baselineMs: 30 * MINUTE };

  it('finds the brute-force address and the four long sessions, and nothing else', async () => {
    const r = await abnormalAccessFromStore(incident.c.collector.store, LAST_2H, options);
    const burst = incident.truth.loginBurst;
    expect(burst).toBeDefined();
    const bursts = r.findings.filter((f) => f.rule === 'login_burst');
    expect(bursts.map((f) => f.subject.value)).toEqual([burst?.clientIp]);
    expect(bursts[0]?.rowCount).toBe(burst?.attempts);
    expect(bursts[0]?.rows.every((tx) => tx.status === 401 && tx.route === '/login')).toBe(true);
    const long = r.findings.filter((f) => f.rule === 'long_session').map((f) => f.subject.value);
    expect(long.sort()).toEqual(incident.truth.longSessions.map((s) => s.sessionId).sort());
    expect(r.findings).toHaveLength(1 + incident.truth.longSessions.length);
  }, 120_000);

  it('finds nothing on clean traffic (false positives: 0)', async () => {
    const r = await abnormalAccessFromStore(clean.c.collector.store, LAST_2H, options);
    expect(r.findings).toEqual([]);
    expect(Object.values(r.counts).every((n) => n === 0)).toBe(true);
    expect(r.evidence[0]?.rows).toBeGreaterThan(50_000);
  }, 120_000);
});
