/**
 * Incidents of a period with their causes: CPU and memory spikes per instance found in the raw metric
 * samples, each explained by the route and user whose load rose most against the hour before
 * (analysis/rca). Raw samples and transactions are kept for days, not months, so older periods have
 * none; the work is bounded — at most MAX_INCIDENTS spikes are analysed, each with only the
 * transactions of its instance around its window.
 */
import { analyzeResourceSpike } from '../../analysis/rca/resource-spike.js';
import { findSpikeWindows, type SpikeWindow } from '../../analysis/rca/spike-window.js';
import type { MetricSample } from '../../model/telemetry.js';
import type { IncidentRow, ReportEvidence } from '../report-types.js';
import type { ReportContext } from './report-context.js';

/** Spikes analysed per report (the biggest first). */
export const MAX_INCIDENTS = 5;
/** Trailing baseline of the spike detection and of the transactions compared with the window. */
const BASELINE_MS = 3_600_000;
/** Transactions read per spike at most (window + baseline on one instance; the store's per-read cap). */
const MAX_TX_PER_SPIKE = 100_000;

export async function findIncidents(
  ctx: ReportContext,
  instances: readonly string[],
  from: number,
  to: number,
  evidence: ReportEvidence[],
): Promise<IncidentRow[]> {
  const store = ctx.collector.store;
  if (store === undefined) return [];
  const spikes: { window: SpikeWindow; samples: MetricSample[] }[] = [];
  for (const instance of instances) {
    for (const metric of ['cpu', 'memory'] as const) {
      const samples = await store.queryMetrics({ from: from - BASELINE_MS, to, instance, metric });
      if (samples.length === 0) continue;
      evidence.push({
        description: `raw ${metric} samples of ${instance} (spike = above the trailing hour's level)`,
        call: `store.queryMetrics(${JSON.stringify({ instance, metric, from: new Date(from - BASELINE_MS).toISOString(), to: new Date(to).toISOString() })})`,
        from: from - BASELINE_MS,
        to,
        rows: samples.length,
      });
      for (const window of findSpikeWindows(samples, metric)) {
        if (window.from >= from && window.from < to) spikes.push({ window, samples });
      }
    }
  }
  spikes.sort((a, b) => b.window.excessArea - a.window.excessArea);
  const rows: IncidentRow[] = [];
  for (const { window: w, samples } of spikes.slice(0, MAX_INCIDENTS)) {
    const txFrom = w.from - BASELINE_MS;
    const page = await ctx.collector.transactionPage({
      from: txFrom,
      to: w.to,
      instance: w.instance,
      limit: MAX_TX_PER_SPIKE,
    });
    const transactions = page.transactions;
    evidence.push({
      description:
        `transactions on ${w.instance} in the ${w.metric} spike window and the hour before` +
        (page.truncated ? ` (the first ${transactions.length} of ${page.matched} matching)` : ''),
      call: `collector.transactionPage(${JSON.stringify({ instance: w.instance, from: new Date(txFrom).toISOString(), to: new Date(w.to).toISOString() })})`,
      from: txFrom,
      to: w.to,
      rows: transactions.length,
    });
    const r = analyzeResourceSpike(
      {
        metric: w.metric === 'heap' ? 'memory' : w.metric,
        samples: samples.filter((s) => s.time < w.to),
        transactions,
        range: { from: w.from, to: w.from + 1 },
        instance: w.instance,
      },
      { txBaselineMs: BASELINE_MS },
    );
    const base = {
      metric: w.metric === 'cpu' ? ('cpu' as const) : ('memory' as const),
      instance: w.instance,
      from: w.from,
      to: w.to,
      peak: round(w.peak),
      baseline: round(w.baseline),
    };
    rows.push(
      r.found
        ? {
            ...base,
            route: r.cause.route.key,
            user: r.cause.user.key,
            share: Math.round(r.cause.routeExcessShare * 1000) / 1000,
            reason: null,
          }
        : { ...base, route: null, user: null, share: null, reason: r.reason },
    );
  }
  return rows.sort((a, b) => a.from - b.from);
}

/** CPU as a ratio to 4 decimals, memory in whole bytes. */
function round(v: number): number {
  return v > 1 ? Math.round(v) : Math.round(v * 10_000) / 10_000;
}
