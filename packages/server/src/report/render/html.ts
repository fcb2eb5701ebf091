/**
 * The report as one self-contained HTML document: inline CSS, charts as inline SVG, no scripts and no
 * external requests, so it can be mailed as a file and printed to PDF as is. SLA reports lead with
 * SLA compliance; weekly and monthly reports with the CCU summary.
 */
import type { ReportData } from '../report-types.js';
import {
  anomaliesSection,
  capacitySection,
  comparisonsSection,
  esc,
  evidenceSection,
  peaksSection,
  serversSection,
  slaSection,
  summarySection,
  trendSection,
  type Section,
} from './html-sections.js';
import { CHART_FONT } from './report-charts.js';
import { reportFormatter } from './report-format.js';
import { reportLabels } from './report-labels.js';

const STYLE = `
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: ${CHART_FONT}; color: #1f2328; font-size: 10.5pt; margin: 0 auto; max-width: 800px; padding: 16px; }
h1 { font-size: 18pt; margin: 0 0 4px; }
h2 { font-size: 13pt; border-bottom: 2px solid #1f6feb; padding-bottom: 2px; margin: 18px 0 8px; }
h3 { font-size: 11pt; margin: 12px 0 6px; }
.meta { color: #57606a; font-size: 9.5pt; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9.5pt; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.time { white-space: nowrap; }
table.evidence td { font-size: 8pt; word-break: break-all; }
figure.chart { margin: 4px 0; }
figure.chart svg { max-width: 100%; height: auto; }
h2, h3 { break-after: avoid; }
figure.chart, tr { break-inside: avoid; }
.basis { color: #57606a; font-size: 9pt; }
`;

/** Weekly and monthly reports share one layout; they differ in span and comparisons, not in sections. */
const PERIOD_ORDER: Section[] = [
  summarySection,
  trendSection,
  serversSection,
  comparisonsSection,
  peaksSection,
  anomaliesSection,
  slaSection,
  capacitySection,
  evidenceSection,
];

const ORDER: Record<ReportData['kind'], Section[]> = {
  weekly: PERIOD_ORDER,
  monthly: PERIOD_ORDER,
  sla: [
    slaSection,
    summarySection,
    anomaliesSection,
    trendSection,
    serversSection,
    comparisonsSection,
    capacitySection,
    evidenceSection,
  ],
};

export function renderHtml(d: ReportData): string {
  const f = reportFormatter(d.lang, d.timeZone);
  const l = reportLabels(d.lang);
  const title = l.title[d.kind];
  const period = `${f.dateHour(d.period.from)} – ${f.dateHour(d.period.to)}`;
  const meta = [
    `${l.period}: ${period}`,
    `${l.timeZone}: ${d.timeZone}`,
    `${l.mode}: ${d.mode}`,
    `${l.window}: ${f.int(d.windowSeconds)} s`,
    `${l.generated}: ${f.dateHour(d.generatedAt)}`,
  ];
  const body = ORDER[d.kind].map((s) => s(d, f, l)).join('\n');
  return `<!doctype html>
<html lang="${d.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${title} ${period}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${esc(title)}</h1><p class="meta">${meta.map(esc).join(' · ')}</p></header>
${body}
</body>
</html>
`;
}
