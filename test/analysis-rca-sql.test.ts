/**
 * The root-cause analyses run against the store's aggregates (`Store.aggregates`: per-route and per-user
 * sums in DuckDB, OOM records found in SQL) must give what the array analyses give on the same rows:
 * four hours of simulated traffic with the default incidents (an export loop saturating one instance's
 * CPU, a report query ending in an OutOfMemoryError) loaded into a real in-memory store. Sums of
 * fractional durations are compared to 1e-9 relative: DuckDB adds them in another order than JS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oomFromStore, resourceSpikeFromStore } from '../packages/server/src/analysis/data-access.js';
import { metricColumns } from '../packages/server/src/analysis/rca/spike-window.js';
import type { IncidentTruth } from '../packages/server/src/sim/incidents.js';
import { createSimulator } from '../packages/server/src/sim/simulator.js';
import { DuckDbStore } from '../packages/server/src/store/duckdb-store.js';
import type { Store } from '../packages/server/src/store/store.js';

const HOUR = 3_600_000;
// Wednesday 08:00 to 12:00 in Seoul.
const T0 = Date.UTC(2026, 10, 17, 23, 0, 0);
const T1 = T0 + 4 * HOUR;
const RANGE = { from: T0, to: T1 };

/** The same store seen without its aggregates: the analyses fall back to reading rows. */
function rowsOnly(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'aggregates') return undefined;
      const v: unknown = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Numbers rounded to 9 significant digits, so summation order does not count as a difference. */
function rounded(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(9)) : v;
  if (Array.isArray(v)) return v.map(rounded);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, rounded(x)]));
  return v;
}

let store: DuckDbStore;
let truth: IncidentTruth;

beforeAll(async () => {
  store = await DuckDbStore.open(':memory:');
  const run = createSimulator({ seed: 11 }).traffic(T0, { incidents: 'default', until: T1 });
  for (let t = T0; t < T1; t += HOUR) await store.writeBatch(run.advance(t + HOUR));
  truth = run.truth;
}, 240_000);

afterAll(async () => {
  await store?.close();
});

describe('root cause in the store', () => {
  it('names the same CPU spike cause, rankings, rows and evidence as the array analysis', async () => {
    const sql = await resourceSpikeFromStore(store, { metric: 'cpu', range: RANGE });
    const rows = await resourceSpikeFromStore(rowsOnly(store), { metric: 'cpu', range: RANGE });
    expect(sql.found).toBe(true);
    if (!sql.found) return;
    expect(sql.instance).toBe(truth.cpuSpike?.instance);
    expect(sql.cause.user.key).toBe(truth.cpuSpike?.userId);
    expect(sql.cause.rows.length).toBeGreaterThan(0);
    expect(sql.spike.routes.rows.length).toBeGreaterThan(1);
    expect(rounded(sql)).toEqual(rounded(rows));
  });

  it('reads the same samples as columns as queryMetrics reads as objects (times, values, limits)', async () => {
    for (const metric of ['cpu', 'memory'] as const) {
      const byInstance = (a: { instance: string }, b: { instance: string }): number =>
        a.instance.localeCompare(b.instance);
      const columns = (await store.aggregates.metricColumns({ ...RANGE, metric })).sort(byInstance);
      const objects = metricColumns(await store.queryMetrics({ ...RANGE, metric }), metric).sort(byInstance);
      expect(columns.length).toBe(4);
      expect(columns.reduce((n, c) => n + c.times.length, 0)).toBeGreaterThan(1000);
      expect(columns.some((c) => c.limits !== null)).toBe(metric === 'memory');
      expect(columns).toEqual(objects);
    }
    const one = await store.aggregates.metricColumns({ ...RANGE, metric: 'cpu', instance: truth.cpuSpike?.instance });
    expect(one.map((c) => c.instance)).toEqual([truth.cpuSpike?.instance]);
  });

  it('gives the same heap and memory answers (found or not, with the reason)', async () => {
    for (const metric of ['heap', 'memory'] as const) {
      const sql = await resourceSpikeFromStore(store, { metric, range: RANGE });
      const rows = await resourceSpikeFromStore(rowsOnly(store), { metric, range: RANGE });
      expect(rounded(sql)).toEqual(rounded(rows));
    }
  });

  it('gives the same OOM report: candidates, statements, URLs, session bursts', async () => {
    const sql = await oomFromStore(store, RANGE);
    const rows = await oomFromStore(rowsOnly(store), RANGE);
    expect(sql.found).toBe(true);
    if (!sql.found) return;
    expect(sql.ooms[0]?.candidates[0]?.tx.traceId).toBe(truth.oom?.traceId);
    expect(sql.ooms[0]?.candidates.length).toBeGreaterThan(1);
    expect(rounded(sql)).toEqual(rounded(rows));
  });

  it('says the same when there is no OOM or no spike in the range', async () => {
    const oomAt = truth.oom?.at ?? T1;
    const before = { from: T0, to: Math.min(oomAt, T0 + HOUR) - 1 };
    const sql = await oomFromStore(store, before);
    expect(sql.found).toBe(false);
    expect(sql).toEqual(await oomFromStore(rowsOnly(store), before));
    const empty = { from: T1 + HOUR, to: T1 + 2 * HOUR };
    expect(await oomFromStore(store, empty)).toEqual(await oomFromStore(rowsOnly(store), empty));
    const cpu = await resourceSpikeFromStore(store, { metric: 'cpu', range: empty });
    expect(cpu.found).toBe(false);
    expect(cpu).toEqual(await resourceSpikeFromStore(rowsOnly(store), { metric: 'cpu', range: empty }));
  });
});
