/**
 * The REST path of a report, for whatever links to one: the ask engine's answer to "이번 주 동시접속자
 * 보고서를 PDF로 만들어줘", the dashboard's download buttons. Relative to the server's origin.
 */
import type { ReportFormat, ReportKind, ReportLang } from './report-types.js';

export function reportPath(
  kind: ReportKind,
  o: { format?: ReportFormat; lang?: ReportLang; from?: number; to?: number } = {},
): string {
  const q = new URLSearchParams();
  q.set('format', o.format ?? 'html');
  if (o.lang !== undefined) q.set('lang', o.lang);
  if (o.from !== undefined) q.set('from', new Date(o.from).toISOString());
  if (o.to !== undefined) q.set('to', new Date(o.to).toISOString());
  return `/api/v1/reports/${kind}?${q.toString()}`;
}
