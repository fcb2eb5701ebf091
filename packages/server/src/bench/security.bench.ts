/**
 * `npx promptops bench security`: time of the store-backed root-cause and security answers
 * (`abnormalAccessFromStore`, `resourceSpikeFromStore`, `oomFromStore`) over the last 1 h and 24 h of
 * simulated demo traffic (4 instances, peak 500 CCU, default incidents) in an on-disk DuckDB store.
 * Peer in the same run: the same analyses on the rows read into JS (the path before they ran in SQL:
 * the same store with its aggregates hidden), whose results must be identical (numbers to 9 digits).
 * Also timed: the rule sets the two security ask tools run, since those are what a question costs.
 * `only=rca` (or `only=security`) runs one half.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { abnormalAccessFromStore, oomFromStore, resourceSpikeFromStore } from '../analysis/data-access.js';
import { createSimulator } from '../sim/simulator.js';
import { DuckDbStore } from '../store/duckdb-store.js';
import type { Store } from '../store/store.js';
import type { SecurityRule } from '../analysis/security/security-finding.js';
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

interface Timed<T> {
  /** Median and worst wall time, median CPU time of the process (DuckDB's threads included). */
  ms: number;
  worst: number;
  cpuMs: number;
  result: T;
}

async function timed<T>(runs: number, fn: () => Promise<T>): Promise<Timed<T>> {
  const times: number[] = [];
  const cpu: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    result = await fn();
    times.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { ms: median(times), worst: Math.max(...times), cpuMs: median(cpu), result: result as T };
}

/** Numbers to 9 significant digits: DuckDB sums fractional durations in another order than JS. */
function rounded(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) && v !== 0 ? Number(v.toPrecision(9)) : v;
  if (Array.isArray(v)) return v.map(rounded);
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, rounded(x)]));
  return v;
}

/** The rule sets the two security ask tools run (`ask/tools/security-findings.ts`). */
const ASK_RULE_SETS: { label: string; rules: SecurityRule[] }[] = [
  { label: 'security.abnormal_urls rules', rules: ['abnormal_url', 'scanner_user_agent', 'unknown_route_scan'] },
  { label: 'security.login_burst rules', rules: ['login_burst', 'user_many_ips'] },
];

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export const bench: BenchModule = {
  description: 'security and RCA answer time from the store over 1 h and 24 h of demo traffic (SQL vs rows in JS)',
  async run({ quick, params, log }) {
    const hours = (params.hours ?? (quick ? '1' : '1,24')).split(',').map(Number);
    const runs = Number(params.runs ?? (quick ? 1 : 5));
    const withRows = params.rows !== 'no';
    // `only=rca` times the root-cause answers alone (the 24 h security peer alone takes minutes).
    const parts = new Set((params.only ?? 'security,rca').split(','));
    for (const p of parts)
      if (p !== 'security' && p !== 'rca') throw new Error(`only=${params.only}: expected security, rca or both`);
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
        `${span} h of simulated demo traffic (seed 7, 4 instances, peak 500 CCU, default incidents) ending Wednesday 15:00 KST, ${total.toLocaleString('en-US')} transactions, in an on-disk DuckDB store. Median (and worst) wall time of ${runs} run(s), median CPU time of the process (DuckDB's threads included); the rows-in-JS peer: one run. Security: 1 h baseline before the range.`,
        '',
        '| answer | range | rows in range | store path (now): wall median / worst | CPU | rows read into JS (before) | speed-up | same result |',
        '|---|---|---|---|---|---|---|---|',
      ];
      const row = (name: string, h: number, rows: string, now: Timed<unknown>, before: Timed<unknown> | null): void => {
        const same = before ? (isDeepStrictEqual(rounded(now.result), rounded(before.result)) ? 'yes' : 'NO') : '—';
        lines.push(
          `| ${name} | ${h} h | ${rows} | ${fmt(now.ms)} / ${fmt(now.worst)} | ${fmt(now.cpuMs)} | ${before ? fmt(before.ms) : '—'} | ${before ? `${(before.ms / now.ms).toFixed(0)}×` : '—'} | ${same} |`,
        );
      };
      for (const h of hours) {
        const range = { from: end - h * HOUR, to: end };
        if (parts.has('security')) await securityRows(h, range);
        if (parts.has('rca')) await rcaRows(h, range);
      }
      async function securityRows(h: number, range: { from: number; to: number }): Promise<void> {
        const sql = await timed(runs, () => abnormalAccessFromStore(store, range));
        const rows = (sql.result.evidence[0]?.rows ?? 0).toLocaleString('en-US');
        const found = [...new Set(sql.result.findings.map((f) => f.rule))].join(', ') || 'none';
        row(
          `security, all rules (found: ${found})`,
          h,
          rows,
          sql,
          withRows ? await timed(1, () => abnormalAccessFromStore(rowsOnly(store), range)) : null,
        );
        for (const set of ASK_RULE_SETS) {
          const now = await timed(runs, () => abnormalAccessFromStore(store, range, { rules: set.rules }));
          row(`${set.label} (${now.result.findings.length} findings)`, h, rows, now, null);
        }
        log(`security ${h} h done`);
      }
      async function rcaRows(h: number, range: { from: number; to: number }): Promise<void> {
        const cpu = await timed(runs, () => resourceSpikeFromStore(store, { metric: 'cpu', range }));
        const cpuBefore = withRows
          ? await timed(1, () => resourceSpikeFromStore(rowsOnly(store), { metric: 'cpu', range }))
          : null;
        row(`rca.cpu_spike (found: ${String(cpu.result.found)})`, h, '', cpu, cpuBefore);
        const oom = await timed(runs, () => oomFromStore(store, range));
        row(
          `rca.oom (found: ${String(oom.result.found)})`,
          h,
          '',
          oom,
          withRows ? await timed(1, () => oomFromStore(rowsOnly(store), range)) : null,
        );
        log(`rca ${h} h done`);
      }
      lines.push(
        '',
        `Load average at the end of the run: ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' / ')} (1/5/15 min) on ${os.cpus().length} cores shared with other work.`,
      );
      lines.push('');
      return lines.join('\n');
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
