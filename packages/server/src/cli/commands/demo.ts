/**
 * `promptops demo` (= `npm start`): the collector with simulated traffic. It listens at once, replays
 * the last few hours as raw transactions (with injected incidents) on a clock that follows the
 * replay, switches to live traffic every second, and loads 13 months of history as rollup rows in
 * the background; /readyz turns ready once the history is in. A data directory that already holds
 * demo history is reused (only the missing hours are generated) unless --reset.
 */
import { Command, Option } from 'commander';
import { startServer, type RunningServer } from '../../api/server.js';
import { llmFromEnv } from '../../ask/llm/index.js';
import { openCollector, type Collector } from '../../collector/collector.js';
import { parseCollectorConfig } from '../../config/collector-config.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { loadHistory, markerMatches, readDemoMarker, resetDemoData, writeDemoMarker } from '../../sim/demo-history.js';
import { demoGuide } from '../../sim/demo-guide.js';
import { LiveFeeder } from '../../sim/live-feeder.js';
import { createSimulator } from '../../sim/simulator.js';
import { parseServeOptions, registerServe, serverOptionsOf, stopOnSignals } from './serve.js';

type ServeFlags = Parameters<typeof parseServeOptions>[0];

interface DemoFlags extends ServeFlags {
  seed: string;
  reset?: boolean;
  rawHours: string;
  peakCcu: string;
}

const HOUR = 3_600_000;
/** How often the marker records how far the data reaches, so a restart fills only the gap. */
const MARKER_EVERY_MS = 60_000;

/** Whether a data directory without a demo marker already holds data (never overwrite it silently). */
async function holdsData(collector: Collector, now: number): Promise<boolean> {
  if (collector.instances().length > 0) return true;
  const raw = await collector.store.queryTransactions({ from: 0, to: now + HOUR, limit: 1 });
  return raw.length > 0;
}

function positive(flag: string, raw: string, integer: boolean): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new PromptOpsError(
      'invalid_parameter',
      `${flag} '${raw}' must be a positive ${integer ? 'whole ' : ''}number`,
    );
  }
  return n;
}

async function demo(flags: DemoFlags): Promise<void> {
  const started = performance.now();
  const options = parseServeOptions(flags);
  const seed = Number(flags.seed);
  if (!Number.isInteger(seed))
    throw new PromptOpsError('invalid_parameter', `--seed '${flags.seed}' must be a whole number`);
  const rawHours = positive('--raw-hours', flags.rawHours, false);
  const peakCcu = positive('--peak-ccu', flags.peakCcu, false);
  // Parsed before anything opens: a bad LLM configuration fails here, listing every problem.
  const llm = llmFromEnv();
  const dataDir = options.collector.dataDir;
  const log = (line: string): void => void process.stderr.write(`promptops demo: ${line}\n`);

  if (flags.reset) resetDemoData(dataDir);
  const sim = createSimulator({ seed, peakCcu });
  // The collector's configuration decides whether stored demo data fits (same seed, modes, precision).
  const config = parseCollectorConfig(options.collector);
  const marker = readDemoMarker(dataDir);
  const reuse = markerMatches(marker, seed, config.modes, config.precision);
  const startAt = Date.now();
  const rawFrom = reuse ? startAt : Math.floor((startAt - rawHours * HOUR) / HOUR) * HOUR;
  const generator = sim.traffic(rawFrom, reuse ? { incidents: 'none' } : { incidents: 'default', until: startAt });
  // The collector's clock follows the replay (records are live for it, not late), then the wall clock.
  let clock = (): number => rawFrom;
  const collector: Collector = await openCollector({ ...options.collector, clock: () => clock(), autoTick: false });
  if (!reuse && (marker !== undefined || (await holdsData(collector, startAt)))) {
    await collector.close();
    throw new PromptOpsError(
      'conflict',
      `${dataDir} holds data the demo did not make with these settings (seed, --mode); use --reset to replace it or --data for another directory`,
    );
  }
  const feeder = new LiveFeeder({ generator, sink: collector, tick: () => collector.tick() });
  clock = feeder.clock;

  let ready = false;
  let server: RunningServer;
  try {
    server = await startServer({
      ...serverOptionsOf(options, flags, collector, llm),
      isReady: () => ready && collector.ready,
    });
  } catch (err) {
    await collector.close();
    throw err;
  }
  const stopped = stopOnSignals(server, collector, process.stderr);
  const saveMarker = (): void =>
    writeDemoMarker(dataDir, {
      version: 1,
      seed,
      modes: config.modes,
      precision: config.precision,
      coveredUntil: Date.now(),
    });
  process.once('SIGINT', () => void feeder.stop());
  process.once('SIGTERM', () => void feeder.stop());
  log(
    `listening on ${server.url} after ${((performance.now() - started) / 1000).toFixed(1)} s (process up ${process.uptime().toFixed(1)} s)`,
  );

  const retention = config.retention;
  const historyFrom = Math.ceil((startAt - retention['1h']) / HOUR) * HOUR;
  // History (worker thread) and the replay (this thread) run side by side on two cores.
  const history = loadHistory({
    store: collector.store,
    sim,
    simOptions: { seed, peakCcu },
    stopped: () => !collector.ready,
    modes: config.modes,
    precision: config.precision,
    windowSeconds: config.windowSeconds,
    retentionMs: { '2s': retention['2s'], '1m': retention['1m'], '5m': retention['5m'], '1h': retention['1h'] },
    now: startAt,
    end: rawFrom,
    ...(reuse && marker ? { from: Math.ceil(marker.coveredUntil / HOUR) * HOUR } : {}),
    log,
  });
  if (!reuse) {
    log(`replaying ${rawHours} h of raw traffic with injected incidents…`);
    try {
      // Flushing every 2 simulated minutes keeps the replay quick (each flush is one store transaction).
      await feeder.catchUp(10_000, 120_000);
      // The replayed hours become Parquet at once: answers read them columnar from the first question.
      await collector.store.compactRaw?.();
    } catch (err) {
      if (collector.ready) throw err;
      // Stopped while replaying.
      await history.catch(() => undefined);
      await stopped;
      return;
    }
    log(
      `replay done (${feeder.fed.transactions.toLocaleString('en-US')} transactions) after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  feeder.start(1_000);
  process.stdout.write(
    demoGuide({
      url: server.url,
      dataDir,
      modes: config.modes,
      seed,
      instances: sim.options.instances,
      timeZone: sim.options.timeZone,
      rawFrom,
      historyFrom,
      now: startAt,
      reused: reuse,
      ...(reuse ? {} : { truth: generator.truth }),
    }),
  );
  const loaded = await history.catch(async (err: unknown) => {
    // Stopped (Ctrl-C) while loading: the store closed under the loader; not an error.
    if (!collector.ready) return undefined;
    throw err;
  });
  if (loaded === undefined) {
    await stopped;
    return;
  }
  ready = true;
  saveMarker();
  const markerTimer = setInterval(saveMarker, MARKER_EVERY_MS);
  markerTimer.unref();
  log(
    `ready after ${((performance.now() - started) / 1000).toFixed(1)} s: ${loaded.rows.toLocaleString('en-US')} history rows ` +
      `(${(loaded.ms / 1000).toFixed(1)} s)${reuse ? ', reused the stored history' : ''}`,
  );
  await stopped;
  clearInterval(markerTimer);
  saveMarker();
}

/**
 * The options of `serve`, taken from the serve command itself so the two never drift apart; only
 * the default of --mode differs (the demo keeps `user` and `ip` side by side to show NAT).
 */
function serveOptions(): Option[] {
  const scratch = new Command();
  registerServe(scratch);
  const serve = scratch.commands.find((c) => c.name() === 'serve');
  return (serve?.options ?? []).map((o) =>
    o.long === '--mode'
      ? new Option(
          '--mode <modes>',
          'identification modes kept side by side, first is the default (ip,session,cookie,user)',
        ).default('user,ip')
      : o,
  );
}

export function registerDemo(program: Command): void {
  const command = program
    .command('demo')
    .description('start the collector with 13 months of simulated history, injected incidents and live traffic');
  for (const option of serveOptions()) command.addOption(option);
  command
    .option('--seed <n>', 'simulation seed: the same seed gives the same traffic', '42')
    .option('--reset', 'discard the demo data in --data and generate it again')
    .option(
      '--raw-hours <h>',
      'hours of raw transactions replayed before live traffic (incidents are placed in them)',
      '2',
    )
    .option('--peak-ccu <n>', 'concurrent users at a normal weekday peak', '500')
    .action(async (flags: DemoFlags) => {
      await demo(flags);
    });
}
