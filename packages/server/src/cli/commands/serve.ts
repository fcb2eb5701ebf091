/**
 * `promptops serve`: run the collector: OTLP/HTTP, access-log ingest, REST API, /metrics and the web
 * UI on one listener. Options are parsed once (a bad one fails before anything opens); SIGINT/SIGTERM
 * stop the listener, flush the collector and close the store.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  startServer,
  type RunningServer,
  type StartServerOptions,
} from '../../api/server.js';
import { llmFromEnv, type LlmClient } from '../../ask/llm/index.js';
import { DEFAULT_TIME_ZONE } from '../../ask/parse/index.js';
import { resolveRunbookDir } from '../../ask/runbooks/index.js';
import { openCollector, type Collector, type CollectorOptions } from '../../collector/collector.js';
import { collectorConfigSchema } from '../../config/collector-config.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { externalMetricsTlsOptions, startExternalMetricsListener } from '../../k8s/external-metrics-listener.js';

interface ServeFlags {
  data: string;
  host: string;
  port?: string;
  mode: string;
  window: string;
  trustedProxy: string[];
  sessionCookie?: string;
  visitorCookie?: string;
  retention2s?: string;
  retention1m?: string;
  retention5m?: string;
  retention1h?: string;
  retentionTransactions?: string;
  maxBodyMib: string;
  maxSeriesPoints: string;
  maxConcurrentIngest: string;
  externalMetricsPort?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsClientCa?: string;
  runbooks?: string;
  timeZone: string;
}

/** Everything `serve` needs, parsed once from flags and environment. */
export interface ServeOptions {
  host: string;
  port: number;
  collector: CollectorOptions;
  limits: { maxBodyBytes: number; maxDecompressedBytes: number; maxSeriesPoints: number; maxConcurrentIngest: number };
  /** IANA zone ask answers and reports read "yesterday" in. */
  timeZone: string;
  /** Runbook folder cited by ask answers: --runbooks, else `runbooks/` in the data dir, else the demo set. */
  runbookDir: string;
}

/** Configuration paths as the flags that set them, so a problem names what the operator typed. */
const FLAG_OF: Record<string, string> = {
  modes: '--mode',
  windowSeconds: '--window',
  trustedProxies: '--trusted-proxy',
  'retention.2s': '--retention-2s',
  'retention.1m': '--retention-1m',
  'retention.5m': '--retention-5m',
  'retention.1h': '--retention-1h',
  'retention.transactions': '--retention-transactions',
};

/** A whole number >= min given as text, or the problem with it. */
function wholeNumber(flag: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number | string {
  if (!/^\d+$/.test(raw.trim())) return `${flag} '${raw}' is not a whole number`;
  const n = Number(raw);
  if (n < min || n > max) return `${flag} ${raw} is outside ${min}-${max}`;
  return n;
}

/** Whether `zone` is an IANA zone this runtime knows (Intl throws a RangeError otherwise). */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.trim() !== '';
  } catch {
    return false;
  }
}

/**
 * Parses the flags (and PROMPTOPS_PORT) into options; a bad configuration fails before anything
 * opens, listing every problem at once.
 */
export function parseServeOptions(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const problems: string[] = [];
  const check = (v: number | string): number => {
    if (typeof v === 'string') problems.push(v);
    return typeof v === 'number' ? v : 0;
  };
  const rawPort = flags.port ?? env.PROMPTOPS_PORT;
  const port =
    rawPort === undefined || rawPort === ''
      ? DEFAULT_PORT
      : check(wholeNumber(flags.port === undefined ? 'PROMPTOPS_PORT' : '--port', rawPort, 0, 65_535));
  const window = wholeNumber('--window', flags.window, 2);
  if (typeof window === 'string') problems.push(window);
  const mib = check(wholeNumber('--max-body-mib', flags.maxBodyMib, 1, 4096));
  const maxSeriesPoints = check(wholeNumber('--max-series-points', flags.maxSeriesPoints, 10));
  const maxConcurrentIngest = check(wholeNumber('--max-concurrent-ingest', flags.maxConcurrentIngest, 1, 10_000));
  const retention = Object.fromEntries(
    Object.entries({
      '2s': flags.retention2s,
      '1m': flags.retention1m,
      '5m': flags.retention5m,
      '1h': flags.retention1h,
      transactions: flags.retentionTransactions,
    }).filter(([, v]) => v !== undefined),
  );
  const collector: CollectorOptions = {
    dataDir: path.resolve(flags.data),
    modes: flags.mode,
    // An unreadable --window is already listed; the schema then checks the rest with the default.
    windowSeconds: typeof window === 'number' ? window : undefined,
    trustedProxies: flags.trustedProxy,
    retention,
  };
  // The collector's own schema is the authority on its options; run it now to list its problems too.
  const parsed = collectorConfigSchema.safeParse(collector);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      const flag = FLAG_OF[key] ?? FLAG_OF[String(issue.path[0])] ?? key;
      problems.push(`${flag}: ${issue.message}`);
    }
  }
  const timeZone = flags.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) problems.push(`--time-zone '${timeZone}' is not an IANA time zone (e.g. Asia/Seoul, UTC)`);
  if (problems.length > 0) throw new PromptOpsError('invalid_parameter', `invalid options: ${problems.join('; ')}`);
  const bytes = mib * 1024 * 1024;
  return {
    host: flags.host,
    port,
    collector,
    limits: { maxBodyBytes: bytes, maxDecompressedBytes: bytes, maxSeriesPoints, maxConcurrentIngest },
    timeZone,
    runbookDir: resolveRunbookDir({ runbooks: flags.runbooks, dataDir: collector.dataDir }),
  };
}

/**
 * A terminal's Ctrl-C reaches this process twice under `npx` (once from the terminal, once
 * forwarded by npm), so a repeat within this many ms is the same request, not an impatient user.
 */
const REPEAT_SIGNAL_MS = 1_500;

/**
 * Stops `server` and closes `collector` on the first SIGINT/SIGTERM (a second one, later than
 * REPEAT_SIGNAL_MS, exits at once). Resolves once both are closed. The demo command uses it too.
 */
export function stopOnSignals(server: RunningServer, collector: Collector, out: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    let stoppingSince: number | undefined;
    const stop = (signal: NodeJS.Signals) => {
      if (stoppingSince !== undefined) {
        if (Date.now() - stoppingSince < REPEAT_SIGNAL_MS) return;
        out.write(`promptops: ${signal} again, exiting without waiting\n`);
        process.exit(130);
      }
      stoppingSince = Date.now();
      out.write(`promptops: ${signal}: stopping the listener, flushing the collector…\n`);
      void (async () => {
        await server.close();
        try {
          await collector.flush();
        } catch (err) {
          // The journal still holds what could not be flushed; the next start replays it.
          out.write(
            `promptops: final flush failed (${PromptOpsError.from(err).message}); the journal keeps the data\n`,
          );
        }
        await collector.close();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        out.write('promptops: stopped\n');
        resolve();
      })();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The listener's options as `serve` derives them from its flags; the demo starts the same server. */
export function serverOptionsOf(
  options: ServeOptions,
  flags: ServeFlags,
  collector: Collector,
  llm: LlmClient | null,
): StartServerOptions {
  return {
    collector,
    host: options.host,
    port: options.port,
    limits: options.limits,
    trustedProxies: collector.config.trustedProxies,
    sessionCookie: flags.sessionCookie,
    visitorCookie: flags.visitorCookie,
    timeZone: options.timeZone,
    runbookDir: options.runbookDir,
    llm,
  };
}

async function serve(flags: ServeFlags): Promise<void> {
  const options = parseServeOptions(flags);
  const externalMetrics = externalMetricsTlsOptions(flags);
  // Parsed before anything opens: a bad LLM configuration fails here, listing every problem.
  const llm = llmFromEnv();
  const collector = await openCollector(options.collector);
  let server: RunningServer;
  try {
    server = await startServer(serverOptionsOf(options, flags, collector, llm));
  } catch (err) {
    await collector.close();
    throw err;
  }
  const { config } = collector;
  const k8s = externalMetrics
    ? await startExternalMetricsListener({ ...externalMetrics, collector, now: Date.now }).catch(
        async (err: unknown) => {
          await server.close();
          await collector.close();
          throw err;
        },
      )
    : undefined;
  process.stdout.write(
    [
      `promptops collector listening on ${server.url}`,
      `  data: ${config.dataDir}`,
      `  modes: ${config.modes.join(', ')} (answers use ${config.modes[0]}); active window ${config.windowSeconds} s`,
      `  OTLP/HTTP: ${server.url}/v1/traces, /v1/metrics, /v1/logs (OTEL_EXPORTER_OTLP_ENDPOINT=${server.url})`,
      `  REST: ${server.url}/api/v1/concurrent-users   Prometheus: ${server.url}/metrics`,
      `  ask: time zone ${options.timeZone}; runbooks ${options.runbookDir}; LLM ${llm ? llm.label : 'none (deterministic)'}`,
      ...(k8s ? [`  Kubernetes external metrics (HTTPS): ${k8s.url}/apis/external.metrics.k8s.io/v1beta1`] : []),
      '',
    ].join('\n'),
  );
  await stopOnSignals(server, collector, process.stderr);
  await k8s?.close();
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the collector: OTLP/HTTP, access-log ingest, REST API, /metrics and the web UI')
    .option('--data <dir>', 'data directory (embedded database and journal)', '.promptops')
    .option('--host <host>', 'interface to listen on', DEFAULT_HOST)
    .option('--port <port>', `TCP port (default: $PROMPTOPS_PORT, else ${DEFAULT_PORT}; 0 picks a free port)`)
    .option(
      '--mode <modes>',
      'identification modes kept side by side, first is the default (ip,session,cookie,user)',
      'ip',
    )
    .option('--window <seconds>', 'active window of the concurrent-users definition, seconds', '300')
    .option('--trusted-proxy <cidr...>', 'proxies whose X-Forwarded-For is believed (addresses or CIDR blocks)', [])
    .option('--session-cookie <name>', 'session cookie name (mode session)', undefined)
    .option('--visitor-cookie <name>', 'persistent visitor cookie name (mode cookie)', undefined)
    .addOption(new Option('--retention-2s <duration>', 'keep 2 s rollups this long (default 2h)'))
    .addOption(new Option('--retention-1m <duration>', 'keep 1 min rollups this long (default 8d)'))
    .addOption(new Option('--retention-5m <duration>', 'keep 5 min rollups this long (default 35d)'))
    .addOption(new Option('--retention-1h <duration>', 'keep 1 h rollups this long (default 400d)'))
    .addOption(
      new Option('--retention-transactions <duration>', 'keep raw transactions, metrics, logs this long (default 8d)'),
    )
    .option('--max-body-mib <mib>', 'largest request body accepted, after decompression, MiB', '16')
    .option('--max-series-points <n>', 'most points one series request may return', '10000')
    .option('--max-concurrent-ingest <n>', 'ingest requests in flight at once; more are answered 429', '16')
    .option(
      '--external-metrics-port <port>',
      'HTTPS port of the Kubernetes external metrics API (needs --tls-cert, --tls-key)',
    )
    .option('--tls-cert <file>', 'PEM certificate of the external metrics listener')
    .option('--tls-key <file>', 'PEM private key of the external metrics listener')
    .option('--tls-client-ca <file>', 'require client certificates signed by this CA on the external metrics listener')
    .option(
      '--runbooks <dir>',
      'Markdown runbooks cited by ask answers (default: runbooks/ in --data, else the demo set)',
    )
    .option('--time-zone <zone>', 'IANA time zone ask answers read "yesterday" and local times in', DEFAULT_TIME_ZONE)
    .action(async (flags: ServeFlags) => {
      await serve(flags);
    });
}
