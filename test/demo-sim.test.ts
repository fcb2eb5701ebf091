/**
 * The traffic simulator the demo and the analyses tests share: deterministic, shaped like real
 * office traffic, honest about the failure modes of each identification mode, and carrying the
 * injected incidents together with their ground truth.
 */
import { describe, expect, it } from 'vitest';
import type { Transaction } from '../packages/server/src/model/transaction.js';
import { GroundTruth } from '../packages/server/src/sim/ground-truth.js';
import { OOM_EXCEPTION } from '../packages/server/src/sim/incidents.js';
import { HEAP_MAX_BYTES } from '../packages/server/src/sim/infra-model.js';
import { createSimulator } from '../packages/server/src/sim/simulator.js';

const HOUR = 3_600_000;
/** Tuesday 2026-11-24 09:00 in Seoul: a normal working morning. */
const TUESDAY_9 = Date.UTC(2026, 10, 24, 0, 0);

function fingerprint(txs: Transaction[]): string {
  let h = 0;
  for (const tx of txs) {
    const s = `${tx.time}|${tx.url}|${tx.instance}|${tx.sessionId}|${tx.userId}|${tx.durationMs}|${tx.status}`;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  }
  return `${txs.length}:${h}`;
}

describe('simulator determinism', () => {
  it('gives the same traffic for the same seed and start, whatever the step size', () => {
    const from = TUESDAY_9;
    const to = from + 20 * 60_000;
    const a = createSimulator({ seed: 7, peakCcu: 200 }).traffic(from).advance(to);
    const gen = createSimulator({ seed: 7, peakCcu: 200 }).traffic(from);
    const stepped: Transaction[] = [];
    for (let t = from + 60_000; t <= to; t += 60_000) stepped.push(...gen.advance(t).transactions);
    expect(a.transactions.length).toBeGreaterThan(1000);
    expect(fingerprint(stepped.sort((x, y) => x.time - y.time))).toBe(fingerprint(a.transactions));
    const other = createSimulator({ seed: 8, peakCcu: 200 }).traffic(from).advance(to);
    expect(fingerprint(other.transactions)).not.toBe(fingerprint(a.transactions));
  });
});

describe('load model', () => {
  const sim = createSimulator({ seed: 1 });
  const seoul = (y: number, m: number, d: number, h: number, min = 0): number => Date.UTC(y, m - 1, d, h - 9, min);
  /** Mean expected CCU at a local time over several weeks (day-to-day noise averaged out). */
  const meanAt = (day: (week: number) => number, weeks = 6): number => {
    let sum = 0;
    for (let w = 0; w < weeks; w++) sum += sim.load.expectedCcu(day(w));
    return sum / weeks;
  };
  const WEEK = 7 * 86_400_000;
  // Wednesday 2026-09-02 as the base week (no month end, no yearly event nearby).
  const wed =
    (h: number, min = 0) =>
    (w: number) =>
      seoul(2026, 9, 2, h, min) + w * WEEK;

  it('is busier on weekdays than at weekends', () => {
    const saturday = (w: number) => seoul(2026, 9, 5, 11) + w * WEEK;
    expect(meanAt(wed(11))).toBeGreaterThan(2.5 * meanAt(saturday));
  });

  it('dips at lunch and sleeps at night', () => {
    expect(meanAt(wed(12, 30))).toBeLessThan(0.7 * meanAt(wed(11)));
    expect(meanAt(wed(12, 30))).toBeLessThan(0.7 * meanAt(wed(14, 30)));
    expect(meanAt(wed(3))).toBeLessThan(0.1 * meanAt(wed(11)));
  });

  it('surges on Monday mornings', () => {
    const monday = (w: number) => seoul(2026, 8, 31, 9, 30) + w * WEEK;
    const tuesday = (w: number) => seoul(2026, 9, 1, 9, 30) + w * WEEK;
    expect(meanAt(monday)).toBeGreaterThan(1.15 * meanAt(tuesday));
  });

  it('spikes at month end and during the yearly event', () => {
    // 2026-09-30 (Wed) is the last day of September; compare with the other Wednesdays at 15:00.
    const monthEnd = sim.load.expectedCcu(seoul(2026, 9, 30, 15));
    const normal = meanAt((w) => seoul(2026, 9, 2, 15) + w * WEEK, 4);
    expect(monthEnd).toBeGreaterThan(1.15 * normal);
    expect(sim.load.factorsAt(seoul(2026, 9, 30, 15)).monthEnd).toBe(true);
    // Year-end tax settlement: 2026-01-15 (Thu) vs the Thursday a week before.
    expect(sim.load.expectedCcu(seoul(2026, 1, 15, 14))).toBeGreaterThan(
      1.4 * sim.load.expectedCcu(seoul(2026, 1, 8, 14)),
    );
    expect(sim.load.factorsAt(seoul(2026, 1, 15, 14)).yearlyEvent).toBe(true);
  });
});

describe('generated traffic', () => {
  const sim = createSimulator({ seed: 3, peakCcu: 300 });
  const from = TUESDAY_9 + HOUR; // 10:00 in Seoul
  const to = from + HOUR;
  const batch = sim.traffic(from).advance(to);
  const truth = new GroundTruth(batch.transactions);
  const t = from + 40 * 60_000;

  it('has about as many concurrent users as the load model asks for', () => {
    const exact = truth.ccuAt(t, 'user');
    expect(exact).toBeGreaterThan(0.7 * sim.load.expectedCcu(t));
    expect(exact).toBeLessThan(1.3 * sim.load.expectedCcu(t));
  });

  it('shows each identification mode failing the way the product reference says', () => {
    const user = truth.ccuAt(t, 'user');
    // NAT offices: many users behind one address undercount by ip.
    expect(truth.ccuAt(t, 'ip')).toBeLessThan(0.7 * user);
    // Session churn and cookie-less crawlers overcount by session.
    expect(truth.ccuAt(t, 'session')).toBeGreaterThan(user);
    // Cookie-less browsers drop out of the cookie mode.
    expect(truth.ccuAt(t, 'cookie')).toBeLessThan(user + 50);
    const cookieless = batch.transactions.filter((tx) => tx.userId !== undefined && tx.visitorId === undefined);
    expect(cookieless.length).toBeGreaterThan(0);
  });

  it('has crawlers, logins, expiries and users coming back with a new session', () => {
    const bots = batch.transactions.filter((tx) => /bot|Yeti|probe/i.test(tx.userAgent ?? ''));
    expect(bots.length).toBeGreaterThan(50);
    expect(bots.every((tx) => tx.userId === undefined && tx.visitorId === undefined)).toBe(true);
    expect(new Set(bots.map((tx) => tx.sessionId)).size).toBe(bots.length);
    const types = new Set(batch.sessionEvents.map((e) => e.type));
    for (const type of ['created', 'login', 'expired', 'destroyed']) expect(types).toContain(type);
    const sessionsPerUser = new Map<string, Set<string>>();
    for (const tx of batch.transactions) {
      if (!tx.userId || !tx.sessionId) continue;
      const set = sessionsPerUser.get(tx.userId) ?? new Set();
      set.add(tx.sessionId);
      sessionsPerUser.set(tx.userId, set);
    }
    expect([...sessionsPerUser.values()].some((s) => s.size >= 2)).toBe(true);
  });

  it('reports metrics that follow the load', () => {
    const cpu = batch.metrics.filter((m) => m.metric === 'cpu');
    expect(cpu.length).toBeGreaterThan(0);
    expect(cpu.every((m) => m.value > 0 && m.value < 1)).toBe(true);
    expect(new Set(batch.metrics.map((m) => m.instance))).toEqual(new Set(['was1', 'was2', 'was3', 'was4']));
  });

  it('computes exact CCU from whole buckets the way the collector does', () => {
    const bucketCcu = truth.ccuAtBuckets(t, 'user');
    const keys = truth.keys({
      mode: 'user',
      from: Math.floor(t / 2000) * 2000 + 2000 - 300_000,
      to: Math.floor(t / 2000) * 2000 + 2000,
    });
    expect(bucketCcu).toBe(keys.size);
    const perBucket = truth.perBucket('user', 'was1');
    expect([...perBucket.values()].some((n) => n > 0)).toBe(true);
  });
});

describe('injected incidents', () => {
  const sim = createSimulator({ seed: 11, peakCcu: 250 });
  const from = TUESDAY_9 + 4 * HOUR; // 13:00 in Seoul
  const to = from + 3 * HOUR;
  const run = sim.traffic(from, { incidents: 'default', until: to });
  const batch = run.advance(to);
  const truth = run.truth;

  it('records the CPU spike: one user downloading the export over and over on one instance', () => {
    const spike = truth.cpuSpike;
    expect(spike).toBeDefined();
    if (!spike) return;
    const exports = batch.transactions.filter(
      (tx) => tx.route === spike.route && tx.time >= spike.from && tx.time < spike.to,
    );
    const byUser = exports.filter((tx) => tx.userId === spike.userId);
    expect(byUser.length).toBe(spike.requests);
    expect(byUser.length).toBeGreaterThan(0.8 * exports.length);
    expect(byUser.every((tx) => tx.instance === spike.instance && tx.bytes > 30 * 1024 * 1024)).toBe(true);
    const cpuDuring = (instance: string) => {
      const v = batch.metrics.filter(
        (m) => m.metric === 'cpu' && m.instance === instance && m.time >= spike.from && m.time < spike.to,
      );
      return v.reduce((a, m) => a + m.value, 0) / v.length;
    };
    for (const other of ['was1', 'was3', 'was4'].filter((i) => i !== spike.instance)) {
      expect(cpuDuring(spike.instance)).toBeGreaterThan(cpuDuring(other) + 0.3);
    }
  });

  it('records the OOM: the heavy query, the heap at its limit, the error log and the restart', () => {
    const oom = truth.oom;
    expect(oom).toBeDefined();
    if (!oom) return;
    const fatal = batch.logs.find((l) => l.exceptionType === OOM_EXCEPTION);
    expect(fatal?.time).toBe(oom.at);
    expect(fatal?.instance).toBe(oom.instance);
    expect(fatal?.traceId).toBe(oom.traceId);
    const culprit = batch.transactions.find((tx) => tx.traceId === oom.traceId);
    expect(culprit?.queries?.[0]?.statement).toBe(oom.statement);
    expect(culprit?.userId).toBe(oom.userId);
    const heap = batch.metrics.filter(
      (m) => m.metric === 'heap' && m.instance === oom.instance && m.time < oom.at && m.time > oom.at - 30_000,
    );
    expect(Math.max(...heap.map((m) => m.value))).toBeGreaterThan(0.9 * HEAP_MAX_BYTES);
    const during = batch.transactions.filter(
      (tx) => tx.instance === oom.instance && tx.time > oom.at && tx.time < oom.restartedAt,
    );
    expect(during.every((tx) => tx.status === 503)).toBe(true);
  });

  it('records the failed-login burst from one address', () => {
    const burst = truth.loginBurst;
    expect(burst).toBeDefined();
    if (!burst) return;
    const failed = batch.transactions.filter(
      (tx) => tx.clientIp === burst.clientIp && tx.route === '/login' && tx.status === 401,
    );
    expect(failed.length).toBe(burst.attempts);
    expect(failed.length).toBeGreaterThan(100);
  });

  it('records sessions left open for hours', () => {
    expect(truth.longSessions.length).toBe(4);
    for (const s of truth.longSessions) {
      const txs = batch.transactions.filter((tx) => tx.sessionId === s.sessionId);
      expect(txs[txs.length - 1]!.time - txs[0]!.time).toBeGreaterThan(2 * HOUR);
    }
  });

  it('injects nothing in no-incident mode', () => {
    const quiet = createSimulator({ seed: 11, peakCcu: 250 }).traffic(from, { incidents: 'none' });
    const b = quiet.advance(to);
    expect(quiet.truth).toEqual({ longSessions: [] });
    expect(b.logs.some((l) => l.exceptionType === OOM_EXCEPTION)).toBe(false);
    const perIp = new Map<string, number>();
    for (const tx of b.transactions) if (tx.status === 401) perIp.set(tx.clientIp, (perIp.get(tx.clientIp) ?? 0) + 1);
    expect(Math.max(0, ...perIp.values())).toBeLessThan(5);
    const exportsPerUser = new Map<string, number>();
    for (const tx of b.transactions) {
      if (tx.route === '/export/report.xlsx' && tx.userId)
        exportsPerUser.set(tx.userId, (exportsPerUser.get(tx.userId) ?? 0) + 1);
    }
    expect(Math.max(0, ...exportsPerUser.values())).toBeLessThan(5);
  });
});
