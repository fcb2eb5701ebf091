/**
 * The report as plain tables of raw values (numbers stay numbers, times stay instants): the shape the
 * XLSX and CSV renderers write. One table per section and one data table per chart, with column ids
 * for machines and localised titles for people.
 */
import type { ReportData } from '../report-types.js';
import { reportFormatter } from './report-format.js';
import { reportLabels } from './report-labels.js';

export type ColumnType = 'int' | 'dec' | 'pct' | 'time' | 'day' | 'text';

export interface ReportColumn {
  id: string;
  title: string;
  type: ColumnType;
}

/** A cell: numbers for int/dec/pct (pct as a ratio), epoch ms for time/day, text, or empty. */
export type ReportCell = number | string | null;

export interface ReportTable {
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
}

const col = (id: string, title: string, type: ColumnType): ReportColumn => ({ id, title, type });

export function reportTables(d: ReportData): ReportTable[] {
  const l = reportLabels(d.lang);
  const f = reportFormatter(d.lang, d.timeZone);
  const c = d.ccu;
  const tables: ReportTable[] = [
    {
      id: 'summary',
      title: l.summary,
      columns: [
        col('measure', '', 'text'),
        col('value', l.value, 'dec'),
        col('at', l.when, 'time'),
        col('low', 'low', 'int'),
        col('high', 'high', 'int'),
      ],
      rows: [
        ['period_from', null, d.period.from, null, null],
        ['period_to', null, d.period.to, null, null],
        ['ccu_max', c.max?.value ?? null, c.max?.at ?? null, c.max?.low ?? null, c.max?.high ?? null],
        ['ccu_min', c.min?.value ?? null, c.min?.at ?? null, null, null],
        ['ccu_avg', c.avg, null, null, null],
        ['ccu_p95', c.p95, null, null, null],
        ['hours_with_data', c.hoursWithData, null, null, null],
        ['hours_in_period', c.hoursInPeriod, null, null, null],
      ],
    },
    {
      id: 'trend',
      title: l.trend,
      columns: [
        col('t', l.when, 'time'),
        col('peak', l.peak, 'int'),
        col('min', l.min, 'int'),
        col('avg', l.avg, 'dec'),
        col('previous_peak', l.previousPeriod, 'int'),
      ],
      rows: d.trend.map((p) => [p.t, p.peak, p.min, p.avg, p.previousPeak]),
    },
    {
      id: 'daily',
      title: l.daily,
      columns: [
        col('day', l.day, 'day'),
        col('peak', l.peak, 'int'),
        col('peak_at', l.peakAt, 'time'),
        col('min', l.min, 'int'),
        col('avg', l.avg, 'dec'),
        col('transactions', l.transactions, 'int'),
        col('errors', l.errors, 'int'),
      ],
      rows: d.daily.map((r) => [r.day, r.peak, r.peakAt, r.min, r.avg, r.transactions, r.errors]),
    },
    {
      id: 'servers',
      title: l.servers,
      columns: [
        col('instance', l.instance, 'text'),
        col('ccu_peak', l.ccuPeak, 'int'),
        col('ccu_avg', l.ccuAvgShort, 'dec'),
        col('sessions_peak', l.sessionsPeak, 'int'),
        col('sessions_avg', l.sessionsAvg, 'dec'),
        col('transactions', l.transactions, 'int'),
        col('share', l.share, 'pct'),
      ],
      rows: d.servers.map((s) => [
        s.instance,
        s.ccuPeak,
        s.ccuAvg,
        s.sessionsPeak,
        s.sessionsAvg,
        s.transactions,
        s.share,
      ]),
    },
    {
      id: 'comparisons',
      title: l.comparisons,
      columns: [
        col('baseline', l.baseline, 'text'),
        col('measure', l.measure, 'text'),
        col('current', l.current, 'dec'),
        col('previous', l.previous, 'dec'),
        col('change', l.change, 'dec'),
        col('change_ratio', l.changePct, 'pct'),
        col('verdict', l.verdict, 'text'),
        col('baseline_from', l.from, 'time'),
        col('baseline_to', l.to, 'time'),
      ],
      rows: d.comparisons.map((x) => [
        l.baselines[x.baseline],
        l.hows[x.how],
        x.current,
        x.previous,
        x.change,
        x.changeRatio,
        l.verdicts[x.verdict],
        x.baselineFrom,
        x.baselineTo,
      ]),
    },
    {
      id: 'peak_windows',
      title: l.peaks,
      columns: [col('window', l.window_, 'text'), col('hours', l.hours, 'int'), col('level', l.level, 'int')],
      rows: d.peakWindows.map((w) => [
        `${f.weekday(w.startWeekday)} ${String(w.startHour).padStart(2, '0')}:00`,
        w.hours,
        w.level,
      ]),
    },
    {
      id: 'anomalies',
      title: l.anomalies,
      columns: [
        col('metric', l.metric, 'text'),
        col('from', l.from, 'time'),
        col('to', l.to, 'time'),
        col('value', l.value, 'dec'),
        col('week_before', l.expected, 'dec'),
        col('score', l.score, 'dec'),
        col('cause_instance', l.cause, 'text'),
        col('cause_value', l.value, 'dec'),
        col('cause_week_before', l.expected, 'dec'),
      ],
      rows: d.anomalies.map((a) => [
        l.metrics[a.metric],
        a.from,
        a.to + 3_600_000,
        a.value,
        a.expected,
        a.score,
        a.cause?.instance ?? null,
        a.cause?.value ?? null,
        a.cause?.weekBefore ?? null,
      ]),
    },
    {
      id: 'incidents',
      title: l.incidents,
      columns: [
        col('metric', l.metric, 'text'),
        col('instance', l.instance, 'text'),
        col('from', l.from, 'time'),
        col('to', l.to, 'time'),
        col('peak', l.peak, 'dec'),
        col('baseline', l.baselineLevel, 'dec'),
        col('route', l.route, 'text'),
        col('user', l.user, 'text'),
        col('excess_share', l.excessShare, 'pct'),
        col('reason', l.noCause, 'text'),
      ],
      rows: d.incidents.map((i) => [
        i.metric,
        i.instance,
        i.from,
        i.to,
        i.peak,
        i.baseline,
        i.route,
        i.user,
        i.share,
        i.reason,
      ]),
    },
    {
      id: 'sla',
      title: l.sla,
      columns: [
        col('measure', '', 'text'),
        col('value', l.value, 'pct'),
        col('target', l.target, 'pct'),
        col('budget_used', l.budgetUsed, 'pct'),
      ],
      rows: [
        ['availability', d.sla.availability, d.sla.availabilityTarget, d.sla.availabilityBudgetConsumed],
        ['latency_compliance', d.sla.latencyCompliance, d.sla.latencyTarget, d.sla.latencyBudgetConsumed],
      ],
    },
    {
      id: 'sla_days',
      title: `${l.sla} (${l.day})`,
      columns: [
        col('day', l.day, 'day'),
        col('requests', l.requests, 'int'),
        col('errors', l.errors, 'int'),
        col('availability', l.availability, 'pct'),
        col('availability_met', l.targetMet, 'text'),
        col('latency_compliance', l.latencyCompliance, 'pct'),
        col('latency_met', l.targetMet, 'text'),
      ],
      rows: d.sla.days.map((x) => [
        x.from,
        x.requests,
        x.errors,
        x.availability,
        x.availabilityMet ? 'yes' : 'no',
        x.latencyCompliance,
        x.latencyMet === null ? null : x.latencyMet ? 'yes' : 'no',
      ]),
    },
  ];
  const cap = d.capacity;
  tables.push({
    id: 'capacity',
    title: l.capacity,
    columns: [col('measure', '', 'text'), col('value', l.value, 'dec')],
    rows: cap
      ? [
          ['servers', cap.servers],
          ['capacity_per_server', cap.capacityPerServer],
          ['current_peak', cap.currentPeak],
          ['forecast_peak', cap.forecastPeak],
          ['forecast_high', cap.forecastHigh],
          ['planned_peak', cap.plannedPeak],
          ['servers_needed', cap.serversNeeded],
          ['utilisation_at_peak', cap.utilisationAtPeak],
          ['target_utilisation', cap.targetUtilisation],
          ['headroom', cap.headroom],
          ['planned_from', cap.plannedFrom],
          ['action', cap.action],
          ['capacity_source', cap.capacitySource],
        ]
      : [],
  });
  tables.push({
    id: 'evidence',
    title: l.evidence,
    columns: [col('description', l.evidence, 'text'), col('call', l.call, 'text'), col('rows', l.rows, 'int')],
    rows: [
      ...d.evidence.map((e) => [e.description, e.call, e.rows]),
      ...d.caveats.map((c) => [`caveat: ${c}`, null, null]),
    ],
  });
  return tables;
}
