/**
 * `npx promptops bench rca`: accuracy of the root-cause and security analyses on simulated incidents.
 * For each seed, four hours of simulated traffic (a different weekday morning per seed) are generated
 * with the default incidents and again without any; the analyses run on the generated arrays and are
 * scored against the simulator's ground truth: the CPU-spike cause (instance, route, user), the OOM's
 * top candidate and heaviest statement, the brute-force address, the long sessions, and every finding
 * or cause reported on the clean runs (false positives). Peer in the same run: a naive ranking that
 * names the route and user with the largest raw share of the spike window's total duration (no
 * baseline subtraction).
 */
import { rankContributors } from '../analysis/rca/contributor-ranking.js';
import { analyzeOom } from '../analysis/rca/oom-analysis.js';
import { analyzeResourceSpike } from '../analysis/rca/resource-spike.js';
import { analyzeAbnormalAccess } from '../analysis/security/abnormal-access.js';
import { CPU_SPIKE_ROUTE, OOM_STATEMENT } from '../sim/incidents.js';
import { createSimulator } from '../sim/simulator.js';
import type { TrafficBatch } from '../sim/traffic-generator.js';
import type { BenchModule } from './bench-module.js';
import { machineHeader } from './machine-info.js';

const HOUR = 3_600_000;
const SPAN = 4 * HOUR;

interface Score {
  hits: number;
  runs: number;
}
const score = (): Score => ({ hits: 0, runs: 0 });
const mark = (s: Score, ok: boolean): void => {
  s.runs++;
  if (ok) s.hits++;
};

export const bench: BenchModule = {
  description: 'RCA and abnormal-access accuracy on simulated incidents and false positives on clean runs',
  async run({ quick, params, log }) {
    const seeds = Number(params.seeds ?? (quick ? 3 : 10));
    const cpu = score();
    const naive = score();
    const heap = score();
    const oomTop = score();
    const oomSql = score();
    const burst = score();
    const longRecall = score();
    const extraFindings: number[] = [];
    const cleanFindings: number[] = [];
    const cleanCauses: string[] = [];
    let spikeStartErrorMs = 0;
    let analysisMs = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      // Weekday mornings 08:00 KST (23:00 UTC the day before), Monday to Friday in turn.
      const t0 = Date.UTC(2026, 10, 15 + ((seed - 1) % 5), 23, 0, 0);
      for (const incidents of ['default', 'none'] as const) {
        const sim = createSimulator({ seed });
        const run = sim.traffic(t0, { incidents, until: t0 + SPAN });
        const b: TrafficBatch = run.advance(t0 + SPAN);
        const started = performance.now();
        const spike = analyzeResourceSpike({ metric: 'cpu', samples: b.metrics, transactions: b.transactions });
        const heapSpike = analyzeResourceSpike({ metric: 'heap', samples: b.metrics, transactions: b.transactions });
        const oom = analyzeOom({ logs: b.logs, transactions: b.transactions, sessionEvents: b.sessionEvents });
        const range = { from: t0 + HOUR, to: t0 + SPAN };
        const access = analyzeAbnormalAccess({
          range,
          transactions: b.transactions.filter((t) => t.time >= range.from),
          baseline: b.transactions.filter((t) => t.time < range.from),
          sessionEvents: b.sessionEvents,
        });
        analysisMs += performance.now() - started;
        const truth = run.truth;
        if (incidents === 'none') {
          const causes = [spike.found && 'cpu', heapSpike.found && 'heap', oom.found && 'oom'].filter(Boolean);
          cleanCauses.push(...causes.map((c) => `seed ${seed}: ${String(c)}`));
          cleanFindings.push(access.findings.length);
          continue;
        }
        const t = truth.cpuSpike;
        mark(
          cpu,
          spike.found &&
            t !== undefined &&
            spike.instance === t.instance &&
            spike.cause.route.key === CPU_SPIKE_ROUTE &&
            spike.cause.user.key === t.userId,
        );
        if (spike.found && t)
          spikeStartErrorMs = Math.max(spikeStartErrorMs, Math.abs(spike.spike.window.from - t.from));
        if (spike.found || spike.spike) {
          const w = spike.found ? spike.spike : spike.spike;
          const input = {
            window: b.transactions.filter(
              (x) =>
                x.instance === w?.window.instance && x.time >= (w?.window.from ?? 0) && x.time < (w?.window.to ?? 0),
            ),
            baseline: [],
            windowMs: 1,
            baselineMs: 1,
          };
          const r = rankContributors(input, 'route', 'durationMs', 1).rows[0];
          const u = rankContributors(input, 'user', 'durationMs', 1).rows[0];
          mark(naive, r?.key === CPU_SPIKE_ROUTE && u?.key === t?.userId);
        } else mark(naive, false);
        const o = truth.oom;
        mark(heap, heapSpike.found && heapSpike.cause.route.key === o?.route && heapSpike.cause.user.key === o?.userId);
        const report = oom.found ? oom.ooms[0] : undefined;
        mark(oomTop, oom.found && oom.ooms.length === 1 && report?.candidates[0]?.tx.traceId === o?.traceId);
        mark(oomSql, report?.heavyStatements[0]?.statement === OOM_STATEMENT);
        const bursts = access.findings.filter((f) => f.rule === 'login_burst').map((f) => f.subject.value);
        mark(burst, bursts.length === 1 && bursts[0] === truth.loginBurst?.clientIp);
        const long = new Set(access.findings.filter((f) => f.rule === 'long_session').map((f) => f.subject.value));
        for (const s of truth.longSessions) mark(longRecall, long.has(s.sessionId));
        extraFindings.push(
          access.findings.length -
            bursts.filter((ip) => ip === truth.loginBurst?.clientIp).length -
            truth.longSessions.filter((s) => long.has(s.sessionId)).length,
        );
      }
      log(`seed ${seed} done`);
    }
    const pct = (s: Score): string => `${s.hits}/${s.runs}`;
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    return [
      machineHeader('Root cause and security analyses: accuracy on simulated incidents'),
      `${seeds} seeds × 4 h of simulated traffic (4 instances, peak 500 CCU, weekday mornings 08:00–12:00 KST), once with the default incidents and once without; analyses run on the generated arrays. Analysis time (all analyses, both runs): ${(analysisMs / 1000).toFixed(1)} s in total.`,
      '',
      '| check | result |',
      '|---|---|',
      `| CPU spike: instance, route and user all correct | ${pct(cpu)} |`,
      `| peer — route and user with the largest raw duration share of the same window (no baseline) | ${pct(naive)} |`,
      `| CPU spike window start vs injected start (worst) | ${(spikeStartErrorMs / 1000).toFixed(0)} s |`,
      `| heap spike before the OOM traced to the report route and its user | ${pct(heap)} |`,
      `| OOM: exactly one OOM, top candidate is the injected request | ${pct(oomTop)} |`,
      `| OOM: heaviest statement is the injected query | ${pct(oomSql)} |`,
      `| login burst: exactly the injected address | ${pct(burst)} |`,
      `| long sessions found (recall) | ${pct(longRecall)} |`,
      `| other findings on incident runs (false positives) | ${sum(extraFindings)} |`,
      `| findings on clean runs (false positives) | ${sum(cleanFindings)} |`,
      `| causes reported on clean runs (CPU, heap, OOM) | ${cleanCauses.length}${cleanCauses.length ? ` (${cleanCauses.join('; ')})` : ''} |`,
      '',
    ].join('\n');
  },
};
