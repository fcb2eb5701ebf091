/**
 * Capacity recommendation of a report: next period's CCU peak forecast from the last four weeks of
 * hourly peaks (analysis/forecast), the CCU one server carries (configured, or learnt from how CPU and
 * errors bend with load on each instance — analysis/capacity), and the resulting scale-out / hold /
 * scale-in decision for the servers that reported in the period.
 */
import { fitCapacityKnee, type LoadSample } from '../../analysis/capacity/capacity-knee.js';
import { recommendCapacity } from '../../analysis/capacity/recommend-capacity.js';
import { forecastSeries } from '../../analysis/forecast/forecast-series.js';
import type { CapacitySummary, ServerRow } from '../report-types.js';
import type { ReportCapacityConfig } from './report-context.js';
import type { ReportCaveat } from './report-caveats.js';
import { HOUR_MS, type HourlyReader, type HourPoint } from './hourly-reader.js';

const WEEK_MS = 7 * 86_400_000;
/** History the forecast and the capacity fit look at, ending with the period. */
export const HISTORY_MS = 4 * WEEK_MS;

export interface CapacityOutcome {
  capacity: CapacitySummary | null;
  caveats: ReportCaveat[];
}

async function learnCapacity(
  reader: HourlyReader,
  servers: readonly ServerRow[],
  from: number,
  to: number,
): Promise<{ perServer: number | null; caveat: ReportCaveat | null }> {
  const samples: LoadSample[] = [];
  for (const { instance } of servers) {
    const [ccu, cpu, txs, errs] = await Promise.all([
      reader.series('ccu', from, to, instance),
      reader.series('cpu', from, to, instance),
      reader.series('transactions', from, to, instance),
      reader.series('errors', from, to, instance),
    ]);
    const cpuAt = new Map(cpu.map((p) => [p.t, p.value]));
    const txAt = new Map(txs.map((p) => [p.t, p.value]));
    const errAt = new Map(errs.map((p) => [p.t, p.value]));
    for (const p of ccu) {
      const n = txAt.get(p.t) ?? 0;
      const c = cpuAt.get(p.t);
      samples.push({
        t: p.t,
        ccuPerServer: p.value,
        ...(c === undefined ? {} : { cpu: c }),
        ...(n > 0 ? { errorRate: (errAt.get(p.t) ?? 0) / n } : {}),
      });
    }
  }
  const knee = fitCapacityKnee(samples);
  if (knee.capacityPerServer === null) return { perServer: null, caveat: null };
  const caveat: ReportCaveat | null =
    knee.basis === 'observed'
      ? null
      : knee.basis === 'extrapolated'
        ? { code: 'capacity_extrapolated', metric: knee.limitedBy ?? 'cpu' }
        : { code: 'capacity_lower_bound' };
  return { perServer: Math.round(knee.capacityPerServer), caveat };
}

export async function capacityOutcome(
  reader: HourlyReader,
  config: ReportCapacityConfig,
  current: readonly HourPoint[],
  /** Hourly CCU of the four weeks ending with the period (HISTORY_MS). */
  history: readonly HourPoint[],
  servers: readonly ServerRow[],
  from: number,
  to: number,
): Promise<CapacityOutcome> {
  const caveats: ReportCaveat[] = [];
  if (servers.length === 0 || current.length === 0) return { capacity: null, caveats: [{ code: 'no_servers' }] };
  const historyFrom = to - HISTORY_MS;
  const horizon = Math.round((to - from) / HOUR_MS);
  let forecastPeak: { value: number; high: number } | null = null;
  if (history.length >= 2 * 24 * 7) {
    const f = forecastSeries(
      history.map((p) => ({ t: p.t, value: p.value })),
      { horizon, stepMs: HOUR_MS },
    );
    const top = f.points.reduce((a, b) => (b.value > a.value ? b : a), f.points[0] ?? { t: to, value: 0 });
    forecastPeak = { value: Math.round(top.value), high: Math.round(top.high ?? top.value) };
  } else caveats.push({ code: 'no_forecast' });
  let perServer = config.capacityPerServer ?? null;
  const source: CapacitySummary['capacitySource'] = perServer === null ? 'learnt' : 'configured';
  if (perServer === null) {
    const learnt = await learnCapacity(reader, servers, historyFrom, to);
    perServer = learnt.perServer;
    if (learnt.caveat) caveats.push(learnt.caveat);
  }
  if (perServer === null || perServer <= 0)
    return {
      capacity: null,
      caveats: [...caveats, { code: 'no_capacity_data' }],
    };
  const peak = current.reduce((a, b) => (b.value > a.value ? b : a));
  const rec = recommendCapacity({
    servers: servers.length,
    capacityPerServer: perServer,
    ...(config.targetUtilisation === undefined ? {} : { targetUtilisation: config.targetUtilisation }),
    ...(config.headroom === undefined ? {} : { headroom: config.headroom }),
    currentPeak: { value: peak.value, ...(peak.high === undefined ? {} : { high: peak.high }) },
    ...(forecastPeak ? { forecastPeak } : {}),
  });
  return {
    capacity: {
      servers: rec.servers,
      capacityPerServer: perServer,
      capacitySource: source,
      currentPeak: Math.round(peak.value),
      forecastPeak: forecastPeak?.value ?? null,
      forecastHigh: forecastPeak?.high ?? null,
      plannedPeak: Math.round(rec.plannedPeak),
      serversNeeded: rec.serversNeeded,
      action: rec.action,
      utilisationAtPeak: Math.round(rec.utilisationAtPeak * 10_000) / 10_000,
      targetUtilisation: config.targetUtilisation ?? 0.7,
      headroom: config.headroom ?? 0.2,
      plannedFrom: forecastPeak !== null && forecastPeak.high > (peak.high ?? peak.value) ? 'forecast' : 'current',
    },
    caveats,
  };
}
