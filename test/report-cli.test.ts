/**
 * `promptops report` as a process: from a data directory (the collector opened and closed by the
 * command) and from a running server (`--server URL`), both writing the file asked for with the same
 * numbers as the report built in-process; a missing data directory is one clear error line.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../packages/server/src/api/server.js';
import { openCollector } from '../packages/server/src/collector/collector.js';
import { buildReport } from '../packages/server/src/report/build-report.js';
import type { ReportData } from '../packages/server/src/report/report-types.js';
import { createSimulatedDataDir } from '../packages/server/src/sim/testing/simulated-data-dir.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..');
const bin = path.join(repoRoot, 'packages/server/bin/promptops.js');
const DAY = 86_400_000;

let tmp: string;
let dataDir: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [bin, 'report', ...args], { cwd: tmp, timeout: 120_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The weekly report's numbers, built in-process over the same directory. */
async function expected(): Promise<ReportData> {
  const collector = await openCollector({ dataDir, modes: 'user,ip', autoTick: false });
  try {
    const r = await buildReport(
      'weekly',
      { format: 'json' },
      {
        collector,
        now: Date.now(),
        timeZone: 'Asia/Seoul',
        windowSeconds: collector.config.windowSeconds,
        modes: collector.config.modes,
      },
    );
    return r.data;
  } finally {
    await collector.close();
  }
}

beforeAll(async () => {
  ({ tmp, dataDir } = await createSimulatedDataDir({
    prefix: 'promptops-report-cli-',
    seed: 5,
    peakCcu: 300,
    retentionMs: { '2s': 0, '1m': 0, '5m': DAY, '1h': 36 * DAY },
  }));
}, 180_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('promptops report', () => {
  it('writes a CSV report from the data directory with the in-process numbers', async () => {
    const out = path.join(tmp, 'weekly.csv');
    const r = await cli(['weekly', '--format', 'csv', '--data', dataDir, '--mode', 'user,ip', '--out', out]);
    expect(r.stderr).toContain(`wrote ${out}`);
    expect(r.code).toBe(0);
    const d = await expected();
    const lines = fs.readFileSync(out, 'utf8').split('\r\n');
    const max = lines.find((l) => l.startsWith('summary,ccu_max,'))!.split(',');
    expect(Number(max[2])).toBe(d.ccu.max!.value);
    const daily = lines.filter((l) => l.startsWith('daily,')).map((l) => Number(l.split(',')[6]));
    expect(daily).toEqual(d.daily.map((x) => x.transactions));
  });

  it('fetches an XLSX report from a running server with --server', async () => {
    const collector = await openCollector({ dataDir, modes: 'user,ip', autoTick: false });
    const server = await startServer({ collector, port: 0, log: () => undefined });
    try {
      const out = path.join(tmp, 'weekly.xlsx');
      const r = await cli(['weekly', '--format', 'xlsx', '--server', server.url, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(fs.readFileSync(out)).buffer);
      const d = (await (await server.app.request('/api/v1/reports/weekly?format=json')).json()) as ReportData;
      expect(wb.getWorksheet('daily')!.getRow(2).getCell(6).value).toBe(d.daily[0]!.transactions);
    } finally {
      await server.close();
      await collector.close();
    }
  });

  it('says clearly when there is no data directory or the kind is unknown', async () => {
    const r = await cli(['weekly', '--data', path.join(tmp, 'missing')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no data directory at .*missing/);
    const bad = await cli(['yearly']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/weekly, monthly, sla/);
  });
});
