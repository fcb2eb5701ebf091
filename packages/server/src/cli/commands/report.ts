/**
 * `promptops report weekly|monthly|sla`: a report as HTML, PDF, XLSX, CSV (or its numbers as JSON),
 * built from the local data directory (`--data`, opened read-mostly and closed again) or fetched from
 * a running server (`--server URL`, since the embedded database has one writer). Periods default to
 * the last full week / month in the deployment's time zone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { parseInstant } from '../../api/http/parse-time.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { buildReport } from '../../report/build-report.js';
import { DEFAULT_REPORT_TIME_ZONE } from '../../report/model/report-context.js';
import {
  REPORT_FORMATS,
  REPORT_KINDS,
  REPORT_LANGS,
  type ReportFormat,
  type ReportKind,
  type ReportLang,
} from '../../report/report-types.js';
import { readDemoMarker } from '../../sim/demo-history.js';

interface ReportFlags {
  format: ReportFormat;
  out?: string;
  from?: string;
  to?: string;
  lang: ReportLang;
  data: string;
  server?: string;
  mode?: string;
  tz: string;
  capacityPerServer?: string;
}

function instant(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const t = parseInstant(raw, Date.now());
  if (t === undefined)
    throw new PromptOpsError('invalid_parameter', `${flag} '${raw}' is not a time (ISO 8601, epoch ms, or -7d)`);
  return t;
}

async function fromServer(kind: ReportKind, flags: ReportFlags): Promise<{ body: Buffer; filename: string }> {
  let url: URL;
  try {
    url = new URL(`/api/v1/reports/${kind}`, flags.server);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new PromptOpsError('invalid_parameter', `--server '${flags.server}' is not an http(s) URL`);
  }
  url.searchParams.set('format', flags.format);
  url.searchParams.set('lang', flags.lang);
  if (flags.from !== undefined) url.searchParams.set('from', flags.from);
  if (flags.to !== undefined) url.searchParams.set('to', flags.to);
  let res: Response;
  try {
    res = await fetch(url);
  } catch (cause) {
    throw new PromptOpsError('unavailable', `cannot reach ${url.origin}`, { cause });
  }
  const body = Buffer.from(await res.arrayBuffer());
  if (!res.ok) {
    let message = body.toString('utf8').slice(0, 500);
    try {
      message = (JSON.parse(message) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // Not the JSON error shape: show the text as it came.
    }
    throw new PromptOpsError(
      res.status >= 500 ? 'unavailable' : 'bad_request',
      `server answered ${res.status}: ${message}`,
    );
  }
  const filename =
    /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${kind}.${flags.format}`;
  return { body, filename };
}

async function fromLocal(kind: ReportKind, flags: ReportFlags): Promise<{ body: Buffer; filename: string }> {
  const dataDir = path.resolve(flags.data);
  if (!fs.existsSync(dataDir))
    throw new PromptOpsError('not_found', `no data directory at ${dataDir} (use --data DIR or --server URL)`);
  const capacityPerServer = flags.capacityPerServer === undefined ? undefined : Number(flags.capacityPerServer);
  if (capacityPerServer !== undefined && !(capacityPerServer > 0))
    throw new PromptOpsError('invalid_parameter', `--capacity-per-server '${flags.capacityPerServer}' must be > 0`);
  // A demo data directory records its modes; otherwise the collector's default (or --mode).
  const modes = flags.mode ?? readDemoMarker(dataDir)?.modes.join(',');
  const { openCollector } = await import('../../collector/collector.js');
  const collector = await openCollector({ dataDir, autoTick: false, ...(modes ? { modes } : {}) });
  try {
    const report = await buildReport(
      kind,
      { format: flags.format, lang: flags.lang, from: instant('--from', flags.from), to: instant('--to', flags.to) },
      {
        collector,
        now: Date.now(),
        timeZone: flags.tz,
        windowSeconds: collector.config.windowSeconds,
        modes: collector.config.modes,
        ...(capacityPerServer === undefined ? {} : { capacity: { capacityPerServer } }),
      },
    );
    return { body: report.body, filename: report.filename };
  } finally {
    await collector.close();
  }
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('weekly, monthly or SLA report as HTML, PDF, XLSX or CSV')
    .addArgument(program.createArgument('<kind>', 'report kind').choices([...REPORT_KINDS]))
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('html'))
    .option('--out <file>', "file to write ('-' for stdout; default the report's own name in the current directory)")
    .option('--from <time>', 'period start (ISO 8601, epoch ms or -7d); default the last full week or month')
    .option('--to <time>', 'period end (exclusive)')
    .addOption(new Option('--lang <lang>', 'language of the report').choices([...REPORT_LANGS]).default('ko'))
    .option('--data <dir>', 'data directory of the local collector', '.promptops')
    .option('--server <url>', 'fetch the report from a running server instead of the data directory')
    .option('--mode <modes>', 'identification modes of the data directory (the first is reported)')
    .option('--tz <zone>', 'IANA time zone of the calendar (local data only)', DEFAULT_REPORT_TIME_ZONE)
    .option('--capacity-per-server <ccu>', 'CCU one server carries (learnt from history when absent)')
    .action(async (kind: ReportKind, flags: ReportFlags) => {
      const { body, filename } = flags.server ? await fromServer(kind, flags) : await fromLocal(kind, flags);
      if (flags.out === '-') {
        process.stdout.write(body);
        return;
      }
      const out = path.resolve(flags.out ?? filename);
      fs.writeFileSync(out, body);
      process.stderr.write(`promptops report: wrote ${out} (${body.length.toLocaleString('en-US')} bytes)\n`);
    });
}
