/**
 * Instance surges against their own seasonal baseline, through a real collector: yesterday's and last
 * week's hours come from the simulator's history generator (1 min rollups written to the DuckDB
 * store), today's three hours are simulated traffic ingested live. A crowd of 150 extra users then
 * lands on one instance over the last 15 minutes. The surge analysis must rank that instance first
 * and report it alone; during the morning ramp before the crowd it must report nothing, because
 * yesterday and last week ramped the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surgeFromStore } from '../packages/server/src/analysis/data-access.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';
import type { Transaction } from '../packages/server/src/model/transaction.js';
import { generateHistory } from '../packages/server/src/sim/history-generator.js';
import { createSimulator } from '../packages/server/src/sim/simulator.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Wednesday 08:00–11:00 in Seoul (UTC+9).
const T0 = Date.UTC(2026, 10, 17, 23, 0, 0);
const NOW = T0 + 3 * HOUR;
const CROWD_FROM = NOW - 15 * MINUTE;
const SURGE_INSTANCE = 'was3';
const CROWD = 150;

function crowdTransactions(from: number, to: number): Transaction[] {
  const out: Transaction[] = [];
  for (let u = 0; u < CROWD; u++) {
    // Users arrive spread over the window, then request every ~40 s.
    for (let t = CROWD_FROM + ((u * 6_000) % (15 * MINUTE)); t < to; t += 40_000 + (u % 7) * 1_000) {
      if (t < from) continue;
      out.push({
        time: t,
        durationMs: 40,
        status: 200,
        error: false,
        method: 'GET',
        url: '/event/landing',
        route: '/event/landing',
        instance: SURGE_INSTANCE,
        service: 'shop-web',
        clientIp: `198.51.100.${u % 250}`,
        userId: `crowd-${u}`,
        sessionId: `crowd-session-${u}`,
        bytes: 20_000,
      });
    }
  }
  return out.sort((a, b) => a.time - b.time);
}

let c: TestCollector;

beforeAll(async () => {
  const sim = createSimulator({ seed: 5 });
  c = await openTestCollector(T0, { modes: 'user' });
  const store = c.collector.store;
  for (const offset of [DAY, 7 * DAY]) {
    await generateHistory(
      sim,
      {
        now: NOW,
        from: T0 - offset - 2 * HOUR,
        end: NOW - offset + HOUR,
        retentionMs: { '1m': 8 * DAY },
        modes: ['user'],
      },
      (rows) => store.upsertRollups(rows),
    );
  }
  const run = sim.traffic(T0, { incidents: 'none' });
  for (let t = T0; t < NOW; t += MINUTE) {
    const b = run.advance(t + MINUTE);
    const crowd = t + MINUTE > CROWD_FROM ? crowdTransactions(t, t + MINUTE) : [];
    c.collector.transactions([...b.transactions, ...crowd].sort((x, y) => x.time - y.time));
    await c.advanceTo(t + MINUTE);
  }
  await c.advanceTo(NOW + 10_000);
}, 240_000);

afterAll(async () => {
  await c?.dispose();
});

describe('instance surge', () => {
  it('ranks the instance the crowd landed on first and reports it alone, with its band', async () => {
    const r = await surgeFromStore(c.collector.store, { now: NOW, windowMs: 15 * MINUTE, mode: 'user', precision: 14 });
    expect(r.instances.map((i) => i.instance).sort()).toEqual(['was1', 'was2', 'was3', 'was4']);
    expect(r.surging.map((i) => i.instance)).toEqual([SURGE_INSTANCE]);
    const top = r.surging[0];
    if (!top) return;
    // Most of the crowd is still active at the end (W = 5 min), and it is beyond the noise band.
    expect(top.excess).toBeGreaterThan(0.6 * CROWD);
    expect(top.excess).toBeLessThan(1.3 * CROWD);
    expect(top.excess).toBeGreaterThan(top.band);
    expect(top.baselines.map((b) => b.label).sort()).toEqual(['last week', 'yesterday']);
    expect(top.end.high).toBeGreaterThan(top.end.value);
    expect(r.evidence[0]?.rows).toBeGreaterThan(100);
  });

  it('reports nothing during the ordinary morning ramp before the crowd', async () => {
    for (const at of [CROWD_FROM - MINUTE, CROWD_FROM - 30 * MINUTE]) {
      const r = await surgeFromStore(c.collector.store, {
        now: at,
        windowMs: 15 * MINUTE,
        mode: 'user',
        precision: 14,
      });
      expect(r.instances).toHaveLength(4);
      expect(r.surging, new Date(at).toISOString()).toEqual([]);
    }
  });
});
