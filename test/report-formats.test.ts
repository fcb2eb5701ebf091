/**
 * Reports end to end over a real collector holding a year of simulated history (plus one injected
 * incident): the REST API's JSON numbers are the numbers every format shows — found in the PDF's
 * extracted text (pdftotext), read back as numeric cells from the XLSX (ExcelJS), parsed from the CSV
 * — and the PDF embeds its fonts and renders to PNG pages kept under test-results/ for a look.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../packages/server/src/api/app.js';
import { TOTAL_INSTANCE } from '../packages/server/src/rollup/rollup-row.js';
import { reportFormatter } from '../packages/server/src/report/render/report-format.js';
import type { ReportData } from '../packages/server/src/report/report-types.js';
import { openReportFixture, type ReportFixture } from '../packages/server/src/report/testing/report-fixture.js';
import { findBinary, requireService } from './support/services.js';

const HOUR = 3_600_000;
/** Wednesday 2026-11-25 12:00 in Seoul: last full week is Mon 16 – Sun 22 November. */
const NOW = Date.UTC(2026, 10, 25, 3, 0);
const WEEK_FROM = Date.UTC(2026, 10, 15, 15, 0); // Mon 16 Nov 00:00 KST
/** Thursday 19 Nov 14:00 KST: where the incident is injected. */
const INCIDENT = Date.UTC(2026, 10, 19, 5, 0);
const ARTIFACTS = path.resolve(__dirname, '../test-results/reports');

const tools = {
  chromium: findBinary('/usr/bin/chromium') ?? findBinary('chromium'),
  pdftotext: findBinary('pdftotext'),
  pdftoppm: findBinary('pdftoppm'),
  pdffonts: findBinary('pdffonts'),
};
const pdfReady = requireService(
  'Chromium and poppler-utils',
  Object.values(tools).every((t) => t !== undefined),
  'apt-get install chromium poppler-utils',
);

let fixture: ReportFixture;
let app: ReturnType<typeof createApp>;

async function get(url: string): Promise<Response> {
  return app.request(url);
}

async function json(kind: string, query = ''): Promise<ReportData> {
  const res = await get(`/api/v1/reports/${kind}?format=json${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ReportData;
}

/** Makes was3 fail 40× its usual share for one hour, in its own rows and the total's. */
async function injectIncident(f: ReportFixture): Promise<void> {
  const store = f.collector.store;
  const rows = [
    ...(await store.queryRollups({ level: '1h', instance: 'was3', from: INCIDENT, to: INCIDENT + HOUR })),
    ...(await store.queryRollups({ level: '1h', instance: TOTAL_INSTANCE, from: INCIDENT, to: INCIDENT + HOUR })),
  ];
  const extra = Math.round((rows[0]?.transactions ?? 0) * 0.08);
  await store.upsertRollups(rows.map((r) => ({ ...r, errors: r.errors + extra })));
}

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fixture = await openReportFixture({ now: NOW });
  await injectIncident(fixture);
  app = createApp({ collector: fixture.collector, now: () => NOW, timeZone: 'Asia/Seoul' });
}, 240_000);

afterAll(async () => {
  await fixture?.close();
});

describe('report numbers (JSON)', () => {
  it('defaults a weekly report to last Monday–Sunday in Seoul, with every section filled', async () => {
    const d = await json('weekly');
    expect(d.period).toEqual({ from: WEEK_FROM, to: WEEK_FROM + 7 * 24 * HOUR, defaulted: true });
    expect(d.ccu.hoursWithData).toBe(168);
    expect(d.ccu.max!.value).toBeGreaterThan(d.ccu.avg!);
    expect(d.ccu.max!.low).toBeLessThanOrEqual(d.ccu.max!.value);
    expect(d.trend).toHaveLength(168);
    expect(d.daily).toHaveLength(7);
    expect(Math.max(...d.daily.map((r) => r.peak))).toBe(d.ccu.max!.value);
    expect(d.servers.map((s) => s.instance)).toEqual(['was1', 'was2', 'was3', 'was4']);
    expect(d.servers.reduce((a, s) => a + s.transactions, 0)).toBe(d.daily.reduce((a, r) => a + r.transactions, 0));
    expect(d.comparisons.map((c) => `${c.baseline}/${c.how}`)).toEqual([
      'last_week/max',
      'last_week/avg',
      'last_year/max',
      'last_year/avg',
    ]);
    for (const c of d.comparisons) expect(c.change).toBeCloseTo(c.current - c.previous, 6);
    expect(d.peakWindows.length).toBeGreaterThan(0);
    expect(d.sla.days).toHaveLength(7);
    expect(d.sla.latencyCompliance).not.toBeNull();
    expect(d.capacity?.servers).toBe(4);
    expect(d.evidence.length).toBeGreaterThan(5);
  });

  it('finds the injected incident as an error-rate anomaly and names the instance that caused it', async () => {
    const d = await json('weekly');
    const hit = d.anomalies.find((a) => a.metric === 'error_rate' && a.from <= INCIDENT && INCIDENT <= a.to);
    expect(hit, JSON.stringify(d.anomalies)).toBeDefined();
    expect(hit!.cause?.instance).toBe('was3');
    expect(hit!.cause!.value).toBeGreaterThan(hit!.cause!.weekBefore * 5);
  });

  it('defaults monthly and SLA reports to last calendar month and honours from/to', async () => {
    const m = await json('monthly');
    // October in Seoul: 1 Oct 00:00 KST (30 Sep 15:00 UTC) to 1 Nov 00:00 KST.
    expect(m.period).toEqual({ from: Date.UTC(2026, 8, 30, 15), to: Date.UTC(2026, 9, 31, 15), defaulted: true });
    expect(m.daily).toHaveLength(31);
    const s = await json('sla', '&from=2026-11-01T00:00:00%2B09:00&to=2026-11-08T00:00:00%2B09:00');
    expect(s.period).toEqual({ from: Date.UTC(2026, 9, 31, 15), to: Date.UTC(2026, 10, 7, 15), defaulted: false });
    expect(s.sla.days).toHaveLength(7);
  });
});

describe('report formats over the REST API', () => {
  it('serves self-contained HTML inline with the charts as inline SVG', async () => {
    const res = await get('/api/v1/reports/weekly?format=html&lang=ko');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('inline; filename="promptops-weekly-2026-11-16.html"');
    const html = await res.text();
    expect(html).toContain('주간 동시접속자 보고서');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    fs.writeFileSync(path.join(ARTIFACTS, 'weekly-ko.html'), html);
  });

  it('answers XLSX whose numeric cells equal the API numbers', async () => {
    const d = await json('weekly');
    const res = await get('/api/v1/reports/weekly?format=xlsx');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="promptops-weekly-2026-11-16.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const cell = (sheet: string, row: number, col: number): ExcelJS.CellValue =>
      wb.getWorksheet(sheet)!.getRow(row).getCell(col).value;
    const summary = wb.getWorksheet('summary')!;
    const rowOf = (key: string): number => {
      let found = -1;
      summary.eachRow((r, i) => {
        if (r.getCell(1).value === key) found = i;
      });
      return found;
    };
    expect(cell('summary', rowOf('ccu_max'), 2)).toBe(d.ccu.max!.value);
    expect(cell('summary', rowOf('ccu_avg'), 2)).toBe(d.ccu.avg);
    expect(cell('summary', rowOf('ccu_min'), 2)).toBe(d.ccu.min!.value);
    d.daily.forEach((r, i) => {
      expect(cell('daily', i + 2, 2)).toBe(r.peak);
      expect(cell('daily', i + 2, 5)).toBe(r.avg);
      expect(cell('daily', i + 2, 6)).toBe(r.transactions);
      expect(cell('daily', i + 2, 7)).toBe(r.errors);
    });
    expect(wb.getWorksheet('trend')!.rowCount).toBe(d.trend.length + 1);
    d.trend.forEach((p, i) => expect(cell('trend', i + 2, 2)).toBe(p.peak));
    // Times are date cells holding Seoul wall-clock time.
    expect(cell('trend', 2, 1)).toEqual(new Date(d.trend[0]!.t + 9 * HOUR));
    d.servers.forEach((s, i) => {
      expect(cell('servers', i + 2, 1)).toBe(s.instance);
      expect(cell('servers', i + 2, 6)).toBe(s.transactions);
      expect(cell('servers', i + 2, 7)).toBe(s.share);
    });
    expect(cell('sla', 2, 2)).toBe(d.sla.availability);
    d.sla.days.forEach((x, i) => expect(cell('sla_days', i + 2, 4)).toBe(x.availability));
    fs.writeFileSync(path.join(ARTIFACTS, 'weekly.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
  });

  it('answers CSV with raw values equal to the API numbers', async () => {
    const d = await json('weekly');
    const res = await get('/api/v1/reports/weekly?format=csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await res.text();
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    const rows = (section: string): string[][] =>
      lines.filter((l) => l.startsWith(`${section},`)).map((l) => l.split(','));
    const summary = new Map(rows('summary').map((r) => [r[1], r]));
    expect(Number(summary.get('ccu_max')![2])).toBe(d.ccu.max!.value);
    expect(summary.get('ccu_max')![3]).toBe(new Date(d.ccu.max!.at + 9 * HOUR).toISOString().slice(0, 19) + '+09:00');
    expect(rows('daily').map((r) => Number(r[6]))).toEqual(d.daily.map((r) => r.transactions));
    expect(rows('trend').map((r) => Number(r[2]))).toEqual(d.trend.map((p) => p.peak));
    expect(rows('servers').map((r) => Number(r[7]))).toEqual(d.servers.map((s) => s.share));
  });

  it('refuses unknown kinds, formats, parameters and methods with JSON errors', async () => {
    const bad = async (url: string, init?: RequestInit): Promise<[number, string]> => {
      const res = await app.request(url, init);
      return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
    };
    expect(await bad('/api/v1/reports/yearly')).toEqual([404, 'not_found']);
    expect(await bad('/api/v1/reports/weekly?format=docx')).toEqual([400, 'invalid_parameter']);
    expect(await bad('/api/v1/reports/weekly?colour=red')).toEqual([400, 'unknown_parameter']);
    expect(await bad('/api/v1/reports/weekly?from=2026-11-10T00:00:00Z&to=2026-11-01T00:00:00Z')).toEqual([
      400,
      'invalid_parameter',
    ]);
    expect(await bad('/api/v1/reports/weekly', { method: 'POST' })).toEqual([405, 'method_not_allowed']);
  });
});

describe.runIf(pdfReady)('PDF reports (Chromium, pdftotext)', () => {
  async function pdf(kind: string, lang: 'ko' | 'en'): Promise<{ file: string; text: string; data: ReportData }> {
    const data = await json(kind, `&lang=${lang}`);
    const res = await get(`/api/v1/reports/${kind}?format=pdf&lang=${lang}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="promptops-.*\.pdf"$/);
    const file = path.join(ARTIFACTS, `${kind}-${lang}.pdf`);
    fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync(tools.pdftotext!, ['-layout', file, '-'], { encoding: 'utf8' });
    return { file, text, data };
  }

  it('prints the weekly report in Korean with the API numbers, embedded fonts and a chart', async () => {
    const { file, text, data: d } = await pdf('weekly', 'ko');
    const f = reportFormatter('ko', 'Asia/Seoul');
    const expected = [
      '주간 동시접속자 보고서',
      '서버별 분포',
      '이상 징후와 장애',
      f.int(d.ccu.max!.value),
      f.dateHour(d.ccu.max!.at),
      `${f.int(d.ccu.max!.low)} – ${f.int(d.ccu.max!.high)}`,
      f.dateHour(d.ccu.min!.at),
      f.dec1(d.ccu.avg!),
      ...d.daily.flatMap((r) => [f.day(r.day), f.int(r.transactions), f.int(r.errors), f.dec1(r.avg)]),
      ...d.servers.flatMap((s) => [s.instance, f.int(s.transactions), f.pct(s.share, 1)]),
      ...d.comparisons.map((c) => f.signed(c.change, c.how === 'max' ? 0 : 1)),
      f.pct(d.sla.availability!, 3),
      f.int(d.sla.requests),
      f.int(d.capacity!.plannedPeak),
      ...d.anomalies.map((a) => f.dateHour(a.from)),
    ];
    const missing = expected.filter((s) => !text.includes(s));
    expect(missing).toEqual([]);

    const fonts = execFileSync(tools.pdffonts!, [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    // Columns: name type encoding emb sub uni …: every font is embedded and maps to Unicode.
    for (const line of fonts) expect(line).toMatch(/\s+yes\s+(yes|no)\s+yes\s+/);

    execFileSync(tools.pdftoppm!, ['-png', '-r', '70', '-f', '1', '-l', '2', file, path.join(ARTIFACTS, 'weekly-ko')]);
    const pages = fs.readdirSync(ARTIFACTS).filter((n) => /^weekly-ko-\d+\.png$/.test(n));
    expect(pages.length).toBe(2);
    for (const p of pages) expect(fs.statSync(path.join(ARTIFACTS, p)).size).toBeGreaterThan(20_000);
  });

  it('prints the SLA report in English leading with SLA compliance', async () => {
    const { file, text, data: d } = await pdf('sla', 'en');
    const f = reportFormatter('en', 'Asia/Seoul');
    expect(text.indexOf('SLA compliance')).toBeLessThan(text.indexOf('Summary'));
    const expected = [
      'SLA report',
      f.pct(d.sla.availability!, 3),
      f.pct(d.sla.latencyCompliance!, 3),
      ...d.sla.days.flatMap((x) => [f.day(x.from), f.int(x.requests), f.pct(x.availability, 3)]),
      f.int(d.ccu.max!.value),
    ];
    expect(expected.filter((s) => !text.includes(s))).toEqual([]);
    execFileSync(tools.pdftoppm!, ['-png', '-r', '70', '-f', '1', '-l', '1', file, path.join(ARTIFACTS, 'sla-en')]);
  });
});
