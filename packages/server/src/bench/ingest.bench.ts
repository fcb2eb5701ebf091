/**
 * `npx promptops bench ingest`: end-to-end ingest throughput of the collector on one core — realistic
 * transactions through `Collector.transactions()` (journal, 2 s buckets, HLL per mode) into DuckDB raw
 * rows and rollups, ticks and flushes included — beside pipelined PFADD of the same user keys into the
 * local Redis in the same run. Scenarios: spans with three identification modes, spans with one,
 * access-log-shaped transactions, and the real Apache log of ../shared/data as text, parsed by the
 * access-log parser inside the timed loop (lines/s end to end; parsing alone is the parse bench).
 * A second table prices each way raw rows can reach DuckDB per row (raw-load-paths.ts).
 * Options (`--set key=value`): `txs=N` per scenario, `reps=N` (median reported), `redis=URL`,
 * `part=collector|load|all` (default all), `loadRows=N` rows per raw-load measurement.
 * `--quick` runs a small version.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';
import { connectPeerRedis, median } from './bench-support.js';
import { openCollector } from '../collector/collector.js';
import { seededRandom, syntheticTransaction } from '../collector/testing/synthetic-traffic.js';
import type { Transaction, UserKeyMode } from '../model/transaction.js';
import { userKeyOf } from '../model/transaction.js';
import type { BenchModule, BenchOptions } from './bench-module.js';
import { machineHeader } from './machine-info.js';
import { createAccessLogParser } from '../ingest/access-log/create-access-log-parser.js';
import type { AccessLogParser } from '../ingest/access-log/create-access-log-parser.js';
import { measureRawLoadPaths } from './raw-load-paths.js';

const BATCH = 512;
/** Simulated arrival rate: timestamps advance as if this many transactions arrived per second. */
const SIM_RATE_PER_S = 150_000;
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);

interface Scenario {
  name: string;
  modes: UserKeyMode[];
  /** Synthetic spans, synthetic access-log-shaped transactions, or real log text parsed in the timed loop. */
  source: 'spans' | 'access-log' | 'apache-text';
}

const SCENARIOS: Scenario[] = [
  { name: 'spans, modes user,cookie,ip', modes: ['user', 'cookie', 'ip'], source: 'spans' },
  { name: 'spans, mode ip', modes: ['ip'], source: 'spans' },
  { name: 'access-log lines, modes ip,cookie', modes: ['ip', 'cookie'], source: 'access-log' },
  { name: 'real Apache log text, parsed, mode ip', modes: ['ip'], source: 'apache-text' },
];

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The real combined-format log of ../shared/data (10,000 lines), repeated to the scenario's size. */
const APACHE_LOG = path.resolve(REPO_ROOT, '../shared/data/elastic_apache_logs/apache_logs');
const APACHE_OPTIONS = { format: 'combined', instance: 'web-1' } as const;

/** `n` lines of the real log, in order, repeated. */
function apacheLines(n: number): string[] {
  const lines = fs
    .readFileSync(APACHE_LOG, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  return Array.from({ length: n }, (_, i) => lines[i % lines.length]);
}

/**
 * One batch of parsed lines, re-timed as if they arrived at SIM_RATE_PER_S (the log itself is ten
 * thousand lines over four days): the parse, timestamps included, is the real cost; the times then
 * fill 2 s buckets as at that rate, like the other scenarios.
 */
function parseBatch(parser: AccessLogParser, lines: readonly string[], first: number): Transaction[] {
  const out: Transaction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const r = parser.parseLine(lines[i], first + i + 1);
    if (r === null || 'reason' in r) continue;
    r.time = T0 + Math.floor(((first + i) * 1000) / SIM_RATE_PER_S);
    out.push(r);
  }
  return out;
}

function makeTraffic(n: number, accessLog: boolean): Transaction[] {
  const rand = seededRandom(2026);
  const out: Transaction[] = new Array<Transaction>(n);
  for (let i = 0; i < n; i++) {
    const user = Math.floor(rand() * 50_000);
    const tx = syntheticTransaction(rand, T0 + Math.floor((i * 1000) / SIM_RATE_PER_S), user, `app-${user % 8}`);
    out[i] = accessLog ? accessLogShaped(tx) : tx;
  }
  return out;
}

/**
 * What a combined-format line with a visitor cookie carries (no trace context, no session or user
 * id), in the object shape the access-log parser builds (access-log-record.ts): absent values are
 * present as undefined, not deleted — deleting properties turns V8 objects into slow dictionaries,
 * which the real parser never produces.
 */
function accessLogShaped(tx: Transaction): Transaction {
  return {
    time: tx.time,
    durationMs: tx.durationMs,
    status: tx.status,
    error: tx.error,
    method: tx.method,
    url: tx.url,
    route: tx.route,
    instance: tx.instance,
    service: tx.service,
    clientIp: tx.clientIp,
    sessionId: undefined,
    visitorId: tx.visitorId,
    userId: undefined,
    userAgent: tx.userAgent,
    bytes: tx.bytes,
  };
}

/** The timed loop's input: prebuilt transactions, or log lines parsed batch by batch inside it. */
type Input = { txs: Transaction[] } | { lines: string[] };

async function runCollector(
  scenario: Scenario,
  input: Input,
): Promise<{ perS: number; perCpuS: number; ingestShare: number }> {
  const parser = 'lines' in input ? createAccessLogParser(APACHE_OPTIONS) : undefined;
  const total = 'lines' in input ? input.lines.length : input.txs.length;
  let accepted = 0;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-bench-ingest-'));
  let clock = T0;
  const collector = await openCollector({ dataDir, modes: scenario.modes, autoTick: false, clock: () => clock });
  try {
    let ingestMs = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // As in the server: a 2 s wall-clock ticker flushes while batches keep arriving on the event loop.
    let lastTick = started;
    const ticks: Promise<void>[] = [];
    for (let i = 0; i < total; i += BATCH) {
      const batch =
        'lines' in input ? parseBatch(parser!, input.lines.slice(i, i + BATCH), i) : input.txs.slice(i, i + BATCH);
      accepted += batch.length;
      clock = batch[batch.length - 1].time;
      const a = performance.now();
      collector.transactions(batch);
      ingestMs += performance.now() - a;
      if (performance.now() - lastTick >= 2000) {
        lastTick = performance.now();
        ticks.push(collector.tick());
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await Promise.all(ticks);
    // Everything into rollups: move past the late-data grace and flush what is left.
    clock += 20_000;
    await collector.tick();
    // And every raw row in its columnar form: the Parquet conversion is part of the cost per row.
    await collector.store.compactRaw?.();
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const stored = await collector.store.queryRollups({ level: '1h', instance: '*', from: 0, to: clock + 3_600_000 });
    const counted = stored.reduce((n, r) => n + r.transactions, 0);
    if (counted !== accepted) throw new Error(`rollups counted ${counted} of ${accepted}`);
    return {
      perS: total / (elapsed / 1000),
      perCpuS: total / ((cpu.user + cpu.system) / 1e6),
      ingestShare: ingestMs / elapsed,
    };
  } finally {
    await collector.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runRedis(redis: Redis, scenario: Scenario, txs: Transaction[], prefix: string): Promise<number> {
  const started = performance.now();
  const keys = new Set<string>();
  for (let i = 0; i < txs.length; i += 1000) {
    const pipeline = redis.pipeline();
    for (const tx of txs.slice(i, i + 1000)) {
      const bucket = Math.floor(tx.time / 2000);
      for (const mode of scenario.modes) {
        const userKey = userKeyOf(tx, mode);
        if (userKey === undefined) continue;
        const key = `${prefix}${tx.instance}:${bucket}:${mode}`;
        keys.add(key);
        pipeline.pfadd(key, userKey);
      }
    }
    await pipeline.exec();
  }
  const elapsed = performance.now() - started;
  for (const chunk of chunks([...keys], 500)) await redis.del(...chunk);
  return txs.length / (elapsed / 1000);
}

function* chunks<T>(items: T[], size: number): Iterable<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const PARTS = ['collector', 'load', 'all'] as const;

async function run({ quick, params, log }: BenchOptions): Promise<string> {
  const n = Number(params.txs ?? (quick ? 50_000 : 600_000));
  const reps = Number(params.reps ?? (quick ? 1 : 3));
  const part = params.part ?? 'all';
  if (!PARTS.includes(part as (typeof PARTS)[number])) throw new Error(`part must be one of ${PARTS.join(', ')}`);
  const sections: string[] = [];
  if (part !== 'load') sections.push(await runCollectorTable(n, reps, params, log));
  if (part !== 'collector') {
    const rows = Number(params.loadRows ?? (quick ? 20_000 : 100_000));
    sections.push(await runLoadTable(makeTraffic(rows, false), reps, log));
  }
  return sections.join('\n\n');
}

async function runLoadTable(txs: Transaction[], reps: number, log: (line: string) => void): Promise<string> {
  log(`ingest: raw-row load paths, ${fmt(txs.length)} rows, ${reps} run(s)`);
  const results = await measureRawLoadPaths(txs, reps);
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
  return [
    machineHeader('Raw transactions into DuckDB: µs per row by load path'),
    `${fmt(txs.length)} span-shaped transactions per load, median of ${reps} run(s), each path and thread count ` +
      'in turn in one process into one file database, inside a transaction: the insert paths insert and COMMIT ' +
      '(which writes and checkpoints the rows); the collector path writes one Parquet file from the TSV segments ' +
      '(nothing is inserted: the segments were raw storage already). "CPU" is the CPU time of the whole process ' +
      '(event loop and DuckDB threads) per row. The segments are written by `Journal.append` in batches of 512: ' +
      `TSV as transactions are journaled, JSON lines as they were before. Load average at the end: ${load} ` +
      `on ${os.cpus().length} cores.`,
    '',
    '| load path | DuckDB threads | CPU µs per row | wall µs per row |',
    '|---|---:|---:|---:|',
    ...results.map((r) => `| ${r.path} | ${r.threads} | ${r.cpuUsPerRow.toFixed(2)} | ${r.wallUsPerRow.toFixed(2)} |`),
  ].join('\n');
}

async function runCollectorTable(
  n: number,
  reps: number,
  params: Record<string, string>,
  log: (line: string) => void,
): Promise<string> {
  const url = params.redis ?? process.env.PROMPTOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = await connectPeerRedis(url, log, 'the Redis column is left out');
  const prefix = `promptops:bench:ingest:${process.pid}:${Date.now()}:`;
  const lines = [
    machineHeader('Collector ingest: transactions/s end to end into raw storage (Parquet) and rollups'),
    `${fmt(n)} transactions per scenario (batches of ${BATCH}, 8 instances, 50,000 users, timestamps at ` +
      `${fmt(SIM_RATE_PER_S)}/s so 2 s buckets fill as at that rate), median of ${reps} run(s). ` +
      'The collector figure is wall time from the first batch until every transaction is in raw storage in ' +
      'its final, columnar form (Parquet files DuckDB reads) and in 1 h rollups (checked): journal write (TSV), ' +
      'HLL counting per mode, a 2 s wall-clock ticker flushing (each flush lists the closed journal segments ' +
      'as raw files) while batches keep coming, the final flush, and the conversion of every TSV segment to ' +
      'Parquet by DuckDB on one thread of its own. The event loop is one core. "share in `transactions()`" is the part of the wall time spent inside ' +
      'the synchronous ingest calls. Redis PFADD only counts (no raw rows, no rollups) over loopback, ' +
      'pipelined 1,000 commands at a time, one PFADD per transaction and mode. The real-log scenario ' +
      `starts from text: the 10,000 lines of ${path.basename(path.dirname(APACHE_LOG))}/${path.basename(APACHE_LOG)} ` +
      '(one instance, real client addresses and user agents) repeated, each batch of lines parsed by the ' +
      'combined-format parser inside the timed loop and re-timed at the rate above; its rates are lines per ' +
      'second. The access-log-shaped scenario builds its objects in the shape the parser builds them.',
    '',
    '"tx per CPU-second" divides by the CPU time of the whole process (event loop and DuckDB threads), ' +
      'which is less sensitive to other load on a shared machine than wall-clock rates. ' +
      `Load average at start: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(', ')} on ${os.cpus().length} cores.`,
    '',
    '| scenario | collector tx/s (wall) | tx per CPU-second | share in `transactions()` | Redis pipelined PFADD tx/s | collector / Redis |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  try {
    for (const scenario of SCENARIOS) {
      let input: Input;
      let txs: Transaction[];
      if (scenario.source === 'apache-text') {
        if (!fs.existsSync(APACHE_LOG)) {
          log(`ingest: ${APACHE_LOG} is missing; the real-log scenario is left out`);
          continue;
        }
        const lines = apacheLines(n);
        input = { lines };
        // The peer counts the same user keys: the parsed lines.
        const parser = createAccessLogParser(APACHE_OPTIONS);
        txs = [];
        for (let i = 0; i < n; i += BATCH) txs.push(...parseBatch(parser, lines.slice(i, i + BATCH), i));
      } else {
        txs = makeTraffic(n, scenario.source === 'access-log');
        input = { txs };
      }
      const ours: number[] = [];
      const perCpu: number[] = [];
      const shares: number[] = [];
      const theirs: number[] = [];
      for (let r = 0; r < reps; r++) {
        log(`ingest: ${scenario.name}, run ${r + 1}/${reps}`);
        const res = await runCollector(scenario, input);
        ours.push(res.perS);
        perCpu.push(res.perCpuS);
        shares.push(res.ingestShare);
        if (redis !== undefined) theirs.push(await runRedis(redis, scenario, txs, prefix));
      }
      const o = median(ours);
      const t = theirs.length > 0 ? median(theirs) : undefined;
      lines.push(
        `| ${scenario.name} | ${fmt(o)} | ${fmt(median(perCpu))} | ${Math.round(median(shares) * 100)} % | ${t === undefined ? 'n/a' : fmt(t)} | ${t === undefined ? 'n/a' : (o / t).toFixed(2)} |`,
      );
    }
  } finally {
    redis?.disconnect();
  }
  return lines.join('\n');
}

export const bench: BenchModule = {
  description: 'collector ingest throughput into raw rows and rollups, beside pipelined Redis PFADD',
  run,
};
