/**
 * `buildReport(kind, {from?, to?, format, lang}, ctx)`: the one entry point the CLI, the REST API, the
 * dashboard and the ask engine call. It gathers the numbers once and renders the asked format, and
 * says what to send it as (content type, file name).
 */
import { gatherReport } from './model/gather-report.js';
import type { ReportContext } from './model/report-context.js';
import { renderCsv } from './render/csv.js';
import { renderHtml } from './render/html.js';
import { renderPdf } from './render/pdf.js';
import { renderXlsx } from './render/xlsx.js';
import { wallOf } from '../ask/parse/zoned-clock.js';
import { PromptOpsError } from '../errors/promptops-error.js';
import {
  reportOptionsSchema,
  type ReportData,
  type ReportFormat,
  type ReportKind,
  type ReportOptions,
} from './report-types.js';

export interface BuiltReport {
  kind: ReportKind;
  format: ReportFormat;
  contentType: string;
  /** Suggested file name: promptops-weekly-2026-11-16.pdf (local start date of the period). */
  filename: string;
  body: Buffer;
  /** The numbers the body shows (what `format=json` returns). */
  data: ReportData;
}

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

export function reportFilename(data: ReportData, format: ReportFormat): string {
  const w = wallOf(data.period.from, data.timeZone);
  const date = `${w.y}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
  return `promptops-${data.kind}-${date}.${format}`;
}

export async function renderReport(data: ReportData, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'html':
      return Buffer.from(renderHtml(data), 'utf8');
    case 'pdf':
      return renderPdf(renderHtml(data));
    case 'xlsx':
      return renderXlsx(data);
    case 'csv':
      return Buffer.from(renderCsv(data), 'utf8');
    case 'json':
      return Buffer.from(JSON.stringify(data), 'utf8');
  }
}

export async function buildReport(kind: ReportKind, options: ReportOptions, ctx: ReportContext): Promise<BuiltReport> {
  const parsed = reportOptionsSchema.safeParse(options);
  if (!parsed.success)
    throw new PromptOpsError('invalid_parameter', parsed.error.issues.map((i) => i.message).join('; '));
  const o = parsed.data;
  const data = await gatherReport(
    kind,
    { lang: o.lang, ...(o.from === undefined ? {} : { from: o.from }), ...(o.to === undefined ? {} : { to: o.to }) },
    ctx,
  );
  return {
    kind,
    format: o.format,
    contentType: CONTENT_TYPES[o.format],
    filename: reportFilename(data, o.format),
    body: await renderReport(data, o.format),
    data,
  };
}
