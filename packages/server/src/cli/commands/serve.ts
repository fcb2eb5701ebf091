/**
 * `promptops serve`: run the collector: OTLP/HTTP, access-log ingest, REST API, /metrics and the web
 * UI on one listener. Options are parsed once (a bad one fails before anything opens); SIGINT/SIGTERM
 * stop the listener, flush the collector and close the store.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, type RunningServer } from '../../api/server.js';
import { openCollector, type Collector, type CollectorOptions } from '../../collector/collector.js';
import { PromptOpsError } from '../../errors/promptops-error.js';

const portSchema = z.coerce.number().int().min(0).max(65_535);

/** The port: `--port`, else `PROMPTOPS_PORT`, else 4318; anything else fails fast. */
export function resolvePort(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const raw = flag ?? env.PROMPTOPS_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const parsed = portSchema.safeParse(raw);
  if (!parsed.success || !/^\d+$/.test(raw.trim())) {
    throw new PromptOpsError(
      'invalid_parameter',
      `port '${raw}' (from ${flag === undefined ? 'PROMPTOPS_PORT' : '--port'}) is not a TCP port 0-65535`,
    );
  }
  return parsed.data;
}

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
}

const numberFlag = (name: string, min: number) =>
  z.coerce
    .number({ invalid_type_error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`);

/** Turns the flags into collector options; every problem is listed at once. */
function collectorOptionsOf(flags: ServeFlags): CollectorOptions {
  const problems: string[] = [];
  const window = numberFlag('--window', 2).safeParse(flags.window);
  if (!window.success) problems.push(window.error.issues[0].message);
  if (problems.length > 0) throw new PromptOpsError('invalid_parameter', problems.join('; '));
  const retention = Object.fromEntries(
    Object.entries({
      '2s': flags.retention2s,
      '1m': flags.retention1m,
      '5m': flags.retention5m,
      '1h': flags.retention1h,
      transactions: flags.retentionTransactions,
    }).filter(([, v]) => v !== undefined),
  );
  return {
    dataDir: path.resolve(flags.data),
    modes: flags.mode,
    windowSeconds: window.data,
    trustedProxies: flags.trustedProxy,
    retention,
  };
}

/** Limits of the HTTP layer from the flags. */
function apiLimitsOf(flags: ServeFlags): {
  maxBodyBytes: number;
  maxDecompressedBytes: number;
  maxSeriesPoints: number;
} {
  const mib = numberFlag('--max-body-mib', 1).safeParse(flags.maxBodyMib);
  const points = numberFlag('--max-series-points', 10).safeParse(flags.maxSeriesPoints);
  const problems = [mib, points].flatMap((r) => (r.success ? [] : [r.error.issues[0].message]));
  if (!mib.success || !points.success) throw new PromptOpsError('invalid_parameter', problems.join('; '));
  const bytes = mib.data * 1024 * 1024;
  return { maxBodyBytes: bytes, maxDecompressedBytes: bytes, maxSeriesPoints: points.data };
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

async function serve(flags: ServeFlags): Promise<void> {
  const port = resolvePort(flags.port);
  const limits = apiLimitsOf(flags);
  const options = collectorOptionsOf(flags);
  const collector = await openCollector(options);
  let server: RunningServer;
  try {
    server = await startServer({
      collector,
      host: flags.host,
      port,
      limits,
      trustedProxies: collector.config.trustedProxies,
      sessionCookie: flags.sessionCookie,
      visitorCookie: flags.visitorCookie,
    });
  } catch (err) {
    await collector.close();
    throw err;
  }
  const { config } = collector;
  process.stdout.write(
    [
      `promptops collector listening on ${server.url}`,
      `  data: ${config.dataDir}`,
      `  modes: ${config.modes.join(', ')} (answers use ${config.modes[0]}); active window ${config.windowSeconds} s`,
      `  OTLP/HTTP: ${server.url}/v1/traces, /v1/metrics, /v1/logs (OTEL_EXPORTER_OTLP_ENDPOINT=${server.url})`,
      `  REST: ${server.url}/api/v1/concurrent-users   Prometheus: ${server.url}/metrics`,
      '',
    ].join('\n'),
  );
  await stopOnSignals(server, collector, process.stderr);
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
    .action(async (flags: ServeFlags) => {
      await serve(flags);
    });
}
