/**
 * `npx promptops bench security`: time of the store-backed root-cause and security answers
 * (`abnormalAccessFromStore`, `resourceSpikeFromStore`, `oomFromStore`) over the last 1 h and 24 h of
 * simulated demo traffic (4 instances, peak 500 CCU, default incidents) in an on-disk DuckDB store.
 * Peer in the same run: the security rules on the rows read into JS (the path before the rules ran in
 * SQL: the same store with its aggregates hidden), whose findings must be identical.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { abnormalAccessFromStore, oomFromStore, resourceSpikeFromStore } from '../analysis/data-access.js';
import { createSimulator } from '../sim/simulator.js';
import { DuckDbStore } from '../store/duckdb-store.js';
import type { Store } from '../store/store.js';
import type { BenchModule } from './bench-module.js';
import { machineHeader } from './machine-info.js';

const HOUR = 3_600_000;

/** The same store without its aggregates: the analyses fall back to reading every row. */
function rowsOnly(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'aggregates') return undefined;
      const v: unknown = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, result: result as T };
}

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export const bench: BenchModule = {
  description: 'security and RCA answer time from the store over 1 h and 24 h of demo traffic (SQL vs rows in JS)',
  async run({ quick, params, log }) {
    const hours = (params.hours ?? (quick ? '1' : '1,24')).split(',').map(Number);
    const runs = Number(params.runs ?? (quick ? 1 : 3));
    const withRows = params.rows !== 'no';
    const span = Math.max(...hours) + 1; // one more hour for the baseline of the widest range
    // Ends Wednesday 15:00 KST, so the last hour is a busy afternoon and the day holds both peaks.
    const end = Date.UTC(2026, 10, 18, 6, 0, 0);
    const t0 = end - span * HOUR;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-bench-security-'));
    const store = await DuckDbStore.open(dir);
    try {
      const run = createSimulator({ seed: 7 }).traffic(t0, { incidents: 'default', until: end });
      let total = 0;
      for (let t = t0; t < end; t += HOUR) {
        const b = run.advance(t + HOUR);
        await store.writeBatch(b);
        total += b.transactions.length;
        log(`simulated ${new Date(t + HOUR).toISOString()}: ${total} transactions`);
      }
      const lines = [
        machineHeader('Root cause and security analyses: answer time from the store'),
        `${span} h of simulated demo traffic (seed 7, 4 instances, peak 500 CCU, default incidents) ending Wednesday 15:00 KST, ${total.toLocaleString('en-US')} transactions, in an on-disk DuckDB store. Median of ${runs} run(s) (the rows-in-JS peer: one run). Security: all rules, 1 h baseline before the range.`,
        '',
        '| answer | range | rows in range | SQL in DuckDB (now) | rows read into JS (before) | speed-up | same findings |',
        '|---|---|---|---|---|---|---|',
      ];
      for (const h of hours) {
        const range = { from: end - h * HOUR, to: end };
        const sql = await timed(runs, () => abnormalAccessFromStore(store, range));
        const rows = sql.result.evidence[0]?.rows ?? 0;
        let before = '—';
        let ratio = '—';
        let same = '—';
        if (withRows) {
          const js = await timed(1, () => abnormalAccessFromStore(rowsOnly(store), range));
          before = fmt(js.ms);
          ratio = `${(js.ms / sql.ms).toFixed(0)}×`;
          same = isDeepStrictEqual(sql.result, js.result) ? 'yes' : 'NO';
        }
        const found = sql.result.findings.map((f) => f.rule).join(', ') || 'none';
        lines.push(
          `| security (${found}) | ${h} h | ${rows.toLocaleString('en-US')} | ${fmt(sql.ms)} | ${before} | ${ratio} | ${same} |`,
        );
        log(`security ${h} h done`);
        const cpu = await timed(runs, () => resourceSpikeFromStore(store, { metric: 'cpu', range }));
        lines.push(`| rca.cpu_spike (found: ${String(cpu.result.found)}) | ${h} h | | ${fmt(cpu.ms)} | | | |`);
        const oom = await timed(runs, () => oomFromStore(store, range));
        lines.push(`| rca.oom (found: ${String(oom.result.found)}) | ${h} h | | ${fmt(oom.ms)} | | | |`);
        log(`rca ${h} h done`);
      }
      lines.push('');
      return lines.join('\n');
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
