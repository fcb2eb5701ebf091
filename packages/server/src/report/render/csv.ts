/**
 * The report as CSV (RFC 4180, UTF-8 with a byte-order mark so Excel reads Korean correctly): every
 * table in turn, each with its own header line whose first column is `section`, tables separated by
 * a blank line. Values are raw — numbers unformatted, ratios as ratios, times as ISO 8601 with the
 * deployment's offset — so a script can read it back.
 */
import { zoneOffsetAt } from '../model/report-period.js';
import type { ReportData } from '../report-types.js';
import { reportTables, type ReportCell } from './report-tables.js';

function quote(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** ISO 8601 in the zone: 2026-11-16T09:00:00+09:00. */
export function localIso(t: number, timeZone: string): string {
  const off = zoneOffsetAt(t, timeZone);
  const wall = new Date(t + off * 60_000).toISOString().slice(0, 19);
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${wall}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export function renderCsv(d: ReportData): string {
  const blocks: string[] = [];
  for (const table of reportTables(d)) {
    const lines = [['section', ...table.columns.map((c) => c.id)].join(',')];
    for (const row of table.rows) {
      const cells = row.map((v: ReportCell, i) => {
        if (v === null) return '';
        const type = table.columns[i]?.type;
        if ((type === 'time' || type === 'day') && typeof v === 'number') return localIso(v, d.timeZone);
        return quote(String(v));
      });
      lines.push([table.id, ...cells].join(','));
    }
    blocks.push(lines.join('\r\n'));
  }
  return `\uFEFF${blocks.join('\r\n\r\n')}\r\n`;
}
