/**
 * The report as an XLSX workbook (ExcelJS): one sheet per table, numbers as numeric cells with number
 * formats (percentages stay ratios formatted as %), times as date cells in the deployment's wall
 * clock, and the data behind each chart on its own sheet (trend, servers, sla_days) so a chart can
 * be drawn from it in Excel.
 */
import ExcelJS from 'exceljs';
import { zoneOffsetAt } from '../model/report-period.js';
import type { ReportData } from '../report-types.js';
import { reportLabels } from './report-labels.js';
import { reportTables, type ColumnType } from './report-tables.js';

const NUM_FMT: Record<ColumnType, string | undefined> = {
  int: '#,##0',
  dec: '#,##0.0##',
  pct: '0.000%',
  time: 'yyyy-mm-dd hh:mm',
  day: 'yyyy-mm-dd',
  text: undefined,
};

export async function renderXlsx(d: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'PromptOps';
  wb.created = new Date(d.generatedAt);
  wb.title = reportLabels(d.lang).title[d.kind];
  // Excel dates have no zone: write the local wall-clock time the operators read.
  const local = (t: number): Date => new Date(t + zoneOffsetAt(t, d.timeZone) * 60_000);
  for (const table of reportTables(d)) {
    const ws = wb.addWorksheet(table.id, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = table.columns.map((c) => ({
      header: c.title || c.id,
      key: c.id,
      width: c.type === 'text' ? (table.id === 'evidence' ? 60 : 22) : c.type === 'time' ? 18 : 14,
      ...(NUM_FMT[c.type] === undefined ? {} : { style: { numFmt: NUM_FMT[c.type] } }),
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of table.rows) {
      ws.addRow(
        row.map((v, i) => {
          const type = table.columns[i]?.type;
          if (v === null) return null;
          if ((type === 'time' || type === 'day') && typeof v === 'number') return local(v);
          return v;
        }),
      );
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
