/**
 * The sections of the HTML report (also what the PDF prints): each a function of the report data, the
 * formatter and the labels, returning escaped HTML. Numbers go through the shared formatter so the
 * PDF's text carries exactly the strings tests look for.
 */
import type { ReportData } from '../report-types.js';
import { serverChartSvg, slaChartSvg, trendChartSvg } from './report-charts.js';
import type { ReportFormatter } from './report-format.js';
import type { ReportLabels } from './report-labels.js';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

type Cell = string | { num: string } | { time: string };

function table(headers: readonly string[], rows: readonly (readonly Cell[])[], cls = ''): string {
  const th = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c) =>
            typeof c === 'string'
              ? `<td>${esc(c)}</td>`
              : 'num' in c
                ? `<td class="num">${esc(c.num)}</td>`
                : `<td class="time">${esc(c.time)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

const n = (s: string): Cell => ({ num: s });
/** A date or time: never wrapped, so it reads (and extracts) as one piece. */
const tm = (s: string): Cell => ({ time: s });

export type Section = (d: ReportData, f: ReportFormatter, l: ReportLabels) => string;

export const summarySection: Section = (d, f, l) => {
  const c = d.ccu;
  const rows: Cell[][] = [
    [
      l.ccuMax,
      n(c.max ? f.int(c.max.value) : '-'),
      tm(c.max ? f.dateHour(c.max.at) : '-'),
      c.max ? `${f.int(c.max.low)} – ${f.int(c.max.high)}` : '-',
    ],
    [l.ccuMin, n(c.min ? f.int(c.min.value) : '-'), tm(c.min ? f.dateHour(c.min.at) : '-'), ''],
    [l.ccuAvg, n(c.avg === null ? '-' : f.dec1(c.avg)), '', ''],
    [l.ccuP95, n(c.p95 === null ? '-' : f.int(c.p95)), '', ''],
    [l.coverage, n(`${f.int(c.hoursWithData)} / ${f.int(c.hoursInPeriod)}`), '', ''],
  ];
  return `<section id="summary"><h2>${esc(l.summary)}</h2>${table(['', l.value, l.when, l.band], rows)}</section>`;
};

export const trendSection: Section = (d, f, l) => {
  const daily = d.daily.map((r) => [
    tm(f.day(r.day)),
    n(f.int(r.peak)),
    tm(f.hour(r.peakAt)),
    n(f.int(r.min)),
    n(f.dec1(r.avg)),
    n(f.int(r.transactions)),
    n(f.int(r.errors)),
  ]);
  return (
    `<section id="trend"><h2>${esc(l.trend)}</h2><figure class="chart">${d.trend.length ? trendChartSvg(d, f, l) : ''}</figure>` +
    `<h3>${esc(l.daily)}</h3>${table([l.day, l.peak, l.peakAt, l.min, l.avg, l.transactions, l.errors], daily)}</section>`
  );
};

export const serversSection: Section = (d, f, l) => {
  const rows = d.servers.map((s) => [
    s.instance,
    n(f.int(s.ccuPeak)),
    n(f.dec1(s.ccuAvg)),
    n(s.sessionsPeak === null ? '-' : f.int(s.sessionsPeak)),
    n(s.sessionsAvg === null ? '-' : f.dec1(s.sessionsAvg)),
    n(f.int(s.transactions)),
    n(f.pct(s.share, 1)),
  ]);
  return (
    `<section id="servers"><h2>${esc(l.servers)}</h2>` +
    (d.servers.length ? `<figure class="chart">${serverChartSvg(d, f, l)}</figure>` : '') +
    `${table([l.instance, l.ccuPeak, l.ccuAvgShort, l.sessionsPeak, l.sessionsAvg, l.transactions, l.share], rows)}</section>`
  );
};

export const comparisonsSection: Section = (d, f, l) => {
  const rows = d.comparisons.map((c) => {
    const dec = c.how === 'max' ? 0 : 1;
    const show = (v: number): string => (dec === 0 ? f.int(v) : f.dec1(v));
    return [
      `${l.baselines[c.baseline]} (${f.day(c.baselineFrom).slice(0, 10)} ${l.since})`,
      l.hows[c.how],
      n(show(c.current)),
      n(show(c.previous)),
      n(f.signed(c.change, dec)),
      n(c.changeRatio === null ? '-' : `${c.changeRatio > 0 ? '+' : ''}${f.pct(c.changeRatio, 1)}`),
      l.verdicts[c.verdict],
    ];
  });
  return `<section id="comparisons"><h2>${esc(l.comparisons)}</h2>${table([l.baseline, l.measure, l.current, l.previous, l.change, l.changePct, l.verdict], rows)}</section>`;
};

export const peaksSection: Section = (d, f, l) => {
  if (d.peakWindows.length === 0)
    return `<section id="peaks"><h2>${esc(l.peaks)}</h2><p>${esc(l.noPeaks)}</p></section>`;
  const hh = (h: number): string => `${String(h % 24).padStart(2, '0')}:00`;
  const rows = d.peakWindows.map((w) => [
    `${f.weekday(w.startWeekday)} ${hh(w.startHour)}–${hh(w.startHour + w.hours)}`,
    n(f.int(w.hours)),
    n(f.int(w.level)),
  ]);
  return `<section id="peaks"><h2>${esc(l.peaks)}</h2>${table([l.window_, l.hours, l.level], rows)}</section>`;
};

/** CPU as a percentage, memory in MiB. */
function resource(f: ReportFormatter, metric: 'cpu' | 'memory', v: number): string {
  return metric === 'cpu' ? f.pct(v, 1) : `${f.int(Math.round(v / 1_048_576))} MiB`;
}

function incidentsTable(d: ReportData, f: ReportFormatter, l: ReportLabels): string {
  if (d.incidents.length === 0) return `<p>${esc(l.noIncidents)}</p>`;
  const rows = d.incidents.map((i) => [
    l.metrics[i.metric],
    i.instance,
    tm(f.dateHour(i.from)),
    tm(f.hour(i.to)),
    n(resource(f, i.metric, i.peak)),
    n(resource(f, i.metric, i.baseline)),
    i.route ?? `${l.noCause}: ${i.reason ?? ''}`,
    i.user ?? '-',
    n(i.share === null ? '-' : f.pct(i.share, 0)),
  ]);
  return table([l.metric, l.instance, l.from, l.to, l.peak, l.baselineLevel, l.route, l.user, l.excessShare], rows);
}

export const anomaliesSection: Section = (d, f, l) => {
  const show = (metric: string, v: number): string => (metric === 'ccu' ? f.int(v) : f.pct(v, 2));
  const rows = d.anomalies.map((a) => [
    l.metrics[a.metric],
    tm(f.dateHour(a.from)),
    tm(f.dateHour(a.to + 3_600_000)),
    n(show(a.metric, a.value)),
    n(a.expected === null ? '-' : show(a.metric, a.expected)),
    n(a.score.toFixed(3)),
    a.cause ? `${a.cause.instance}: ${show(a.metric, a.cause.value)} (${show(a.metric, a.cause.weekBefore)})` : '-',
  ]);
  const anomalies = d.anomalies.length
    ? table([l.metric, l.from, l.to, l.value, l.expected, l.score, l.cause], rows)
    : `<p>${esc(l.noAnomalies)}</p>`;
  return `<section id="anomalies"><h2>${esc(l.anomalies)}</h2>${anomalies}<h3>${esc(l.incidents)}</h3>${incidentsTable(d, f, l)}</section>`;
};

export const slaSection: Section = (d, f, l) => {
  const s = d.sla;
  const pctOr = (v: number | null, digits = 3): string => (v === null ? '-' : f.pct(v, digits));
  const summary = table(
    ['', l.value, l.target, l.budgetUsed],
    [
      [
        l.availability,
        n(pctOr(s.availability)),
        n(f.pct(s.availabilityTarget, 1)),
        n(pctOr(s.availabilityBudgetConsumed, 1)),
      ],
      [
        `${l.latencyCompliance} (≤ ${f.int(s.latencyThresholdMs)} ms)`,
        n(pctOr(s.latencyCompliance)),
        n(f.pct(s.latencyTarget, 1)),
        n(pctOr(s.latencyBudgetConsumed, 1)),
      ],
      [l.requests, n(f.int(s.requests)), '', ''],
      [l.errors, n(f.int(s.errors)), '', ''],
      [l.daysMet, n(`${f.int(s.daysMet)} / ${f.int(s.days.length)}`), '', ''],
    ],
  );
  const days = s.days.map((x) => [
    tm(f.day(x.from)),
    n(f.int(x.requests)),
    n(f.int(x.errors)),
    n(f.pct(x.availability, 3)),
    x.availabilityMet ? l.met : l.missed,
    n(pctOr(x.latencyCompliance)),
    x.latencyMet === null ? '-' : x.latencyMet ? l.met : l.missed,
  ]);
  return (
    `<section id="sla"><h2>${esc(l.sla)}</h2>${summary}` +
    (s.days.length ? `<figure class="chart">${slaChartSvg(d, f, l)}</figure>` : '') +
    `${table([l.day, l.requests, l.errors, l.availability, l.targetMet, l.latencyCompliance, l.targetMet], days)}</section>`
  );
};

export const capacitySection: Section = (d, f, l) => {
  const c = d.capacity;
  if (c === null) return `<section id="capacity"><h2>${esc(l.capacity)}</h2><p>${esc(l.noCapacity)}</p></section>`;
  const rows: Cell[][] = [
    [l.action, `${l.actions[c.action]} (${f.int(c.servers)} → ${f.int(c.serversNeeded)})`],
    [l.servers_, n(f.int(c.servers))],
    [
      `${l.capacityPerServer} (${c.capacitySource === 'configured' ? l.configured : l.learnt})`,
      n(f.int(c.capacityPerServer)),
    ],
    [l.currentPeak, n(f.int(c.currentPeak))],
    [l.forecastPeak, n(c.forecastPeak === null ? '-' : f.int(c.forecastPeak))],
    [l.forecastHigh, n(c.forecastHigh === null ? '-' : f.int(c.forecastHigh))],
    [l.plannedPeak, n(f.int(c.plannedPeak))],
    [l.serversNeeded, n(f.int(c.serversNeeded))],
    [l.utilisation, n(f.pct(c.utilisationAtPeak, 1))],
  ];
  return `<section id="capacity"><h2>${esc(l.capacity)}</h2>${table(['', l.value], rows)}<p class="basis">${esc(l.basis(f.int(c.plannedPeak), c.plannedFrom, f.pct(c.headroom, 0), f.int(c.capacityPerServer), f.pct(c.targetUtilisation, 0)))}</p></section>`;
};

export const evidenceSection: Section = (d, f, l) => {
  const rows = d.evidence.map((e) => [e.description, e.call, n(f.int(e.rows))]);
  const caveats = d.caveats.map((c) => `<li>${esc(c)}</li>`).join('');
  return (
    `<section id="caveats"><h2>${esc(l.caveats)}</h2><ul>${caveats}</ul></section>` +
    `<section id="evidence"><h2>${esc(l.evidence)}</h2>${table([l.evidence, l.call, l.rows], rows, 'evidence')}</section>`
  );
};
