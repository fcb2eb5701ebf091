/**
 * Gathers a report's numbers once into a typed ReportData: CCU figures and trend, daily rows, per-server
 * distribution, period comparisons, recurring peak windows, anomalies with their likely causes, SLA
 * compliance and the capacity recommendation, with the evidence (which reads) and the caveats. Strings
 * that came from the data (instance names, routes, user keys) are masked before anything renders them.
 */
import { recurringPeakWindows } from '../../analysis/seasonality/peak-windows.js';
import { parseSlaObjectives, type SlaObjectives } from '../../analysis/sla/sla-objectives.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { ReportData, ReportKind, ReportLang } from '../report-types.js';
import { ccuSummary, ccuTrend, dailyRows, localDays } from './ccu-figures.js';
import { HourlyReader } from './hourly-reader.js';
import { periodComparisons } from './period-comparisons.js';
import { capacityOutcome, HISTORY_MS } from './report-capacity.js';
import { detectAnomalies } from './report-anomalies.js';
import { findIncidents } from './report-incidents.js';
import { maskReportText, maskUserKey } from './mask-report-strings.js';
import type { ReportContext } from './report-context.js';
import { caveatText, type ReportCaveat } from './report-caveats.js';
import { resolvePeriod, zoneOffsetAt } from './report-period.js';
import { slaSummary } from './report-sla.js';
import { serverDistribution } from './server-distribution.js';

export interface GatherOptions {
  from?: number;
  to?: number;
  lang: ReportLang;
  sla?: Partial<SlaObjectives>;
}

export async function gatherReport(kind: ReportKind, o: GatherOptions, ctx: ReportContext): Promise<ReportData> {
  const period = resolvePeriod(kind, o, ctx.now, ctx.timeZone);
  const { from, to } = period;
  const mode = ctx.modes[0];
  if (mode === undefined) throw new PromptOpsError('invalid_parameter', 'no identification mode is collected');
  const reader = new HourlyReader(ctx, mode);
  const caveats: ReportCaveat[] = [];
  const [ccu, txs, errors] = await Promise.all([
    reader.series('ccu', from, to),
    reader.series('transactions', from, to),
    reader.series('errors', from, to),
  ]);
  const tzOffset = zoneOffsetAt(from, ctx.timeZone);
  const servers = await serverDistribution(reader, from, to);
  const { rows: comparisons, baselines } = await periodComparisons(reader, kind, ccu, from, to);
  const shift = kind === 'weekly' ? 7 * 86_400_000 : to - from;
  const previous = baselines.get(kind === 'weekly' ? 'last_week' : 'previous') ?? [];
  const before = to - HISTORY_MS < from ? await reader.series('ccu', to - HISTORY_MS, from) : [];
  const history = [...before, ...ccu];
  const peaks = history.length > 0 ? recurringPeakWindows(history, { tzOffsetMinutes: tzOffset }) : null;
  const objectives = parseSlaObjectives(o.sla ?? {});
  const slow = await reader.slowRequests(from, to, objectives.latencyThresholdMs);
  if (slow === null) caveats.push({ code: 'latency_unavailable' });
  const anomalies = await detectAnomalies(reader, ccu, txs, errors, servers, from, to);
  const incidents = await findIncidents(
    ctx,
    servers.map((s) => s.instance),
    from,
    to,
    reader.evidence,
  );
  const capacity = await capacityOutcome(reader, ctx.capacity ?? {}, ccu, history, servers, from, to);
  caveats.push(...capacity.caveats);
  const hours = Math.round((to - from) / 3_600_000);
  if (ccu.length === 0) caveats.push({ code: 'no_ccu_data' });
  else if (ccu.length < hours) caveats.push({ code: 'partial_coverage', hours: ccu.length, of: hours });
  caveats.push({ code: 'mode', mode });
  const mask = maskReportText;
  return {
    kind,
    lang: o.lang,
    timeZone: ctx.timeZone,
    mode,
    windowSeconds: ctx.windowSeconds,
    period,
    generatedAt: ctx.now,
    ccu: ccuSummary(ccu, from, to),
    trend: ccuTrend(ccu, previous, shift, from, to),
    daily: dailyRows(ccu, txs, errors, localDays(from, to, ctx.timeZone), to),
    servers: servers.map((s) => ({ ...s, instance: mask(s.instance) })),
    comparisons,
    peakWindows: (peaks?.windows ?? []).slice(0, 5).map((w) => ({
      startWeekday: w.startWeekday,
      startHour: w.startHour,
      hours: w.hours,
      level: Math.round(w.level),
    })),
    anomalies: anomalies.map((a) => (a.cause ? { ...a, cause: { ...a.cause, instance: mask(a.cause.instance) } } : a)),
    incidents: incidents.map((i) => ({
      ...i,
      instance: mask(i.instance),
      route: i.route === null ? null : mask(i.route),
      user: i.user === null ? null : maskUserKey(i.user),
      reason: i.reason === null ? null : mask(i.reason),
    })),
    sla: slaSummary(txs, errors, slow, objectives, tzOffset),
    capacity: capacity.capacity,
    evidence: reader.evidence,
    caveats: caveats.map((c) => caveatText(c, o.lang)),
  };
}
