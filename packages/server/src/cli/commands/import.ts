/**
 * `promptops import`: load access logs (`import access-log FILE… --format … --instance …`) or OTLP
 * files (`import otlp FILE…`) into the local data directory, or into a running server with
 * `--server URL` (the embedded database has one writer: never both). `--follow` tails access logs
 * like `tail -F` until Ctrl-C. Progress goes to stderr; the summary (lines, accepted, rejections by
 * reason with the first line numbers) to stdout, as JSON with `--json`.
 */
import path from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { ImportSink } from '../../ingest/file-import/import-sink.js';
import { ACCESS_LOG_FORMATS, DURATION_UNITS } from '../../ingest/access-log/access-log-options.js';
import type { AccessLogParserOptions } from '../../ingest/access-log/access-log-options.js';
import { localAccessLogTargets, serverAccessLogTargets } from '../../ingest/file-import/access-log-targets.js';
import { importAccessLogs, importOtlpFiles } from '../../ingest/file-import/import-files.js';
import { createImportProgress } from '../../ingest/file-import/import-progress.js';
import { ImportSummary } from '../../ingest/file-import/import-summary.js';
import { otlpTarget } from '../../ingest/file-import/otlp-file-import.js';
import type { OtlpSignal } from '../../ingest/otlp/otlp-payload.js';

interface CommonFlags {
  data: string;
  server?: string;
  mode?: string;
  trustedProxy: string[];
  sessionCookie?: string;
  visitorCookie?: string;
  json: boolean;
  showRejections: string;
}

interface AccessLogFlags extends CommonFlags {
  format: (typeof ACCESS_LOG_FORMATS)[number];
  instance: string;
  service?: string;
  pattern?: string;
  durationUnit?: (typeof DURATION_UNITS)[number];
  follow: boolean;
  chunkLines: string;
}

interface OtlpFlags extends CommonFlags {
  signal?: OtlpSignal;
}

/** A local collector opened for the import, flushed and closed at the end. */
interface LocalTarget {
  sink: ImportSink;
  finish(): Promise<void>;
}

async function openLocal(flags: CommonFlags): Promise<LocalTarget> {
  const { openCollector } = await import('../../collector/collector.js');
  const collector = await openCollector({
    dataDir: path.resolve(flags.data),
    ...(flags.mode ? { modes: flags.mode } : {}),
    trustedProxies: flags.trustedProxy,
  });
  return {
    sink: collector,
    async finish() {
      await collector.flush();
      await collector.close();
    },
  };
}

const count = (name: string) =>
  z.coerce
    .number({ invalid_type_error: `${name} must be a number` })
    .int()
    .min(0, `${name} must be ≥ 0`);

function serverUrl(flags: CommonFlags): string | undefined {
  if (flags.server === undefined) return undefined;
  try {
    const url = new URL(flags.server);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.toString();
  } catch {
    throw new PromptOpsError('invalid_parameter', `--server '${flags.server}' is not an http(s) URL`);
  }
}

function report(summary: ImportSummary, json: boolean): void {
  process.stdout.write(`${json ? JSON.stringify(summary.toJSON()) : summary.toText()}\n`);
  if (summary.accepted === 0 && summary.rejected > 0) {
    throw new PromptOpsError(
      'bad_request',
      'nothing could be imported: check --format (and --pattern) against the file',
    );
  }
}

/** Aborts on the first SIGINT/SIGTERM so following stops and the data is flushed; a second one exits. */
function stopOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

export async function runImportAccessLog(files: string[], flags: AccessLogFlags): Promise<ImportSummary> {
  const show = count('--show-rejections').parse(flags.showRejections);
  const chunkLines = count('--chunk-lines').min(1).parse(flags.chunkLines);
  const server = serverUrl(flags);
  const options: AccessLogParserOptions = {
    format: flags.format,
    instance: flags.instance,
    service: flags.service,
    pattern: flags.pattern,
    trustedProxies: flags.trustedProxy,
    sessionCookie: flags.sessionCookie,
    visitorCookie: flags.visitorCookie,
    durationUnit: flags.durationUnit,
  };
  const summary = new ImportSummary(server ?? path.resolve(flags.data), show, 'line');
  const progress = createImportProgress(summary);
  const stop = stopOnSignals();
  const local = server ? undefined : await openLocal(flags);
  try {
    const targets = server ? serverAccessLogTargets(server, options) : localAccessLogTargets(local!.sink, options);
    await importAccessLogs(files, targets, {
      summary,
      progress,
      follow: flags.follow,
      signal: stop.signal,
      chunkLines,
      note: (line) => process.stderr.write(`import: ${line}\n`),
    });
  } finally {
    progress.stop();
    stop.dispose();
    await local?.finish();
  }
  report(summary, flags.json);
  return summary;
}

export async function runImportOtlp(files: string[], flags: OtlpFlags): Promise<ImportSummary> {
  const show = count('--show-rejections').parse(flags.showRejections);
  const server = serverUrl(flags);
  const summary = new ImportSummary(server ?? path.resolve(flags.data), show, 'record');
  const progress = createImportProgress(summary);
  const local = server ? undefined : await openLocal(flags);
  const decode = {
    trustedProxies: flags.trustedProxy,
    sessionCookie: flags.sessionCookie,
    visitorCookie: flags.visitorCookie,
  };
  try {
    const target = otlpTarget(server ? { server } : { sink: local!.sink }, decode);
    await importOtlpFiles(files, target, { summary, progress, otlpSignal: flags.signal });
  } finally {
    progress.stop();
    await local?.finish();
  }
  report(summary, flags.json);
  return summary;
}

function commonOptions(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data directory of the local collector', '.promptops')
    .option('--server <url>', 'send to a running server instead of the local data directory')
    .option(
      '--mode <modes>',
      'identification modes of the local collector, e.g. user,cookie,ip (default: the collector default)',
    )
    .option('--trusted-proxy <cidr...>', 'proxies whose X-Forwarded-For is believed (local parsing)', [])
    .option('--session-cookie <name>', 'session cookie name', undefined)
    .option('--visitor-cookie <name>', 'persistent visitor cookie name', undefined)
    .option('--json', 'print the summary as JSON', false)
    .option('--show-rejections <n>', 'how many rejected lines to list', '10');
}

export function registerImport(program: Command): void {
  const imp = program
    .command('import')
    .description('import access logs or OTLP files (local data directory or --server)');

  commonOptions(
    imp
      .command('access-log')
      .description('import web access logs (Apache/Nginx common or combined, nginx, Tomcat, IIS W3C)')
      .argument('<files...>', 'log files')
      .addOption(new Option('--format <format>', 'log layout').choices([...ACCESS_LOG_FORMATS]).default('combined'))
      .option('--instance <name>', 'instance the lines belong to', 'access-log')
      .option('--service <name>', 'service name (default: the instance)')
      .option(
        '--pattern <pattern>',
        'explicit layout: Apache/Tomcat LogFormat, nginx log_format, or a W3C #Fields: line',
      )
      .addOption(
        new Option('--duration-unit <unit>', 'unit of integer durations without --pattern').choices([
          ...DURATION_UNITS,
        ]),
      )
      .option('--follow', 'keep reading appended lines (tail -F: survives rotation and truncation) until Ctrl-C', false)
      .option('--chunk-lines <n>', 'lines per batch sent to the collector or server', '20000'),
  ).action(async (files: string[], flags: AccessLogFlags) => {
    await runImportAccessLog(files, flags);
  });

  commonOptions(
    imp
      .command('otlp')
      .description(
        'import OTLP export requests: JSON, JSON Lines (collector file exporter) or protobuf (.pb with --signal)',
      )
      .argument('<files...>', 'OTLP files')
      .addOption(
        new Option('--signal <signal>', 'signal of the files (needed for protobuf)').choices([
          'traces',
          'metrics',
          'logs',
        ]),
      ),
  ).action(async (files: string[], flags: OtlpFlags) => {
    await runImportOtlp(files, flags);
  });
}
