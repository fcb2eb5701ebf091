/**
 * `npx promptops bench otlp`: OTLP/HTTP protobuf trace ingest end to end — real spans from the
 * OpenTelemetry SDK serialized by the exporter's `ProtobufTraceSerializer` (server span + two SQL
 * child spans per request, users, session cookies), POSTed to a real server (`startServer`, Hono on
 * node:http) on loopback with keep-alive, decoded, journaled, counted per mode into 2 s HLL buckets,
 * flushed by a 2 s ticker into raw storage (converted to Parquet at the end) and rollups (checked) — beside the decoder
 * alone and pipelined Redis PFADD of the same user keys into the local Redis, in the same run.
 * Options (`--set key=value`): `requests=N` bodies of ~`spans=N` spans, `reps=N` (median), `inflight=N`
 * concurrent requests, `redis=URL`. `--quick` runs a small version.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { connectPeerRedis, median } from './bench-support.js';
import { startServer } from '../api/server.js';
import { openCollector } from '../collector/collector.js';
import { decodeTraces } from '../ingest/otlp/decode-traces.js';
import type { BenchModule, BenchOptions } from './bench-module.js';
import { machineHeader } from './machine-info.js';
import { makeOtlpTraffic } from './otlp-span-traffic.js';
import type { OtlpTraffic } from './otlp-span-traffic.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
/** Simulated arrival rate: span timestamps advance as if this many spans arrived per second. */
const SIM_SPANS_PER_S = 150_000;
const MODES = 'user,cookie,ip';

interface Measured {
  wallPerS: number;
  perCpuS: number;
  msPerRequest: number;
}

function cpuSeconds(before: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1e6;
}

function post(agent: http.Agent, url: URL, body: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-protobuf', 'content-length': String(body.byteLength) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function runServer(traffic: OtlpTraffic, inflight: number): Promise<Measured> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-bench-otlp-'));
  let clock = T0;
  const collector = await openCollector({ dataDir, modes: MODES, autoTick: false, clock: () => clock });
  const server = await startServer({
    collector,
    port: 0,
    visitorCookie: 'vid',
    now: () => clock,
    log: () => undefined,
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: inflight });
  const url = new URL('/v1/traces', server.url);
  try {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let lastTick = started;
    const ticks: Promise<void>[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < traffic.bodies.length) {
        const i = next++;
        // The collector's clock follows the data, as if spans arrived at SIM_SPANS_PER_S.
        clock = Math.max(clock, traffic.lastTime[i]);
        const status = await post(agent, url, traffic.bodies[i]);
        if (status !== 200) throw new Error(`POST /v1/traces answered ${status}`);
        if (performance.now() - lastTick >= 2000) {
          lastTick = performance.now();
          ticks.push(collector.tick());
        }
      }
    };
    await Promise.all(Array.from({ length: inflight }, worker));
    await Promise.all(ticks);
    clock += 20_000;
    await collector.tick();
    // Every raw row in its columnar form: the Parquet conversion is part of the cost per span.
    await collector.store.compactRaw?.();
    const elapsed = (performance.now() - started) / 1000;
    const cpuS = cpuSeconds(cpu);
    const stored = await collector.store.queryRollups({ level: '1h', instance: '*', from: 0, to: clock + 3_600_000 });
    const counted = stored.reduce((n, r) => n + r.transactions, 0);
    if (counted !== traffic.transactions) throw new Error(`rollups counted ${counted} of ${traffic.transactions}`);
    return {
      wallPerS: traffic.spans / elapsed,
      perCpuS: traffic.spans / cpuS,
      msPerRequest: (elapsed * 1000) / traffic.bodies.length,
    };
  } finally {
    agent.destroy();
    await server.close();
    await collector.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function runDecoder(traffic: OtlpTraffic): Measured {
  const cpu = process.cpuUsage();
  const started = performance.now();
  let txs = 0;
  for (const body of traffic.bodies)
    txs += decodeTraces(body, 'protobuf', { visitorCookie: 'vid' }).transactions.length;
  const elapsed = (performance.now() - started) / 1000;
  if (txs !== traffic.transactions) throw new Error(`decoded ${txs} of ${traffic.transactions} transactions`);
  return {
    wallPerS: traffic.spans / elapsed,
    perCpuS: traffic.spans / cpuSeconds(cpu),
    msPerRequest: (elapsed * 1000) / traffic.bodies.length,
  };
}

/** One PFADD per server span (mode user) into per-instance 2 s keys, pipelined 1,000 at a time. */
async function runRedis(redis: Redis, traffic: OtlpTraffic, prefix: string): Promise<number> {
  const keys = new Set<string>();
  const started = performance.now();
  for (let i = 0; i < traffic.users.length; i += 1000) {
    const pipeline = redis.pipeline();
    for (const u of traffic.users.slice(i, i + 1000)) {
      const key = `${prefix}${u.instance}:${Math.floor(u.time / 2000)}:user`;
      keys.add(key);
      pipeline.pfadd(key, u.key);
    }
    await pipeline.exec();
  }
  const elapsed = (performance.now() - started) / 1000;
  const all = [...keys];
  for (let i = 0; i < all.length; i += 500) await redis.del(...all.slice(i, i + 500));
  return traffic.users.length / elapsed;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

async function run({ quick, params, log }: BenchOptions): Promise<string> {
  const requests = Number(params.requests ?? (quick ? 20 : 300));
  const spansPerRequest = Number(params.spans ?? 510);
  const reps = Number(params.reps ?? (quick ? 1 : 3));
  const inflight = Number(params.inflight ?? 4);
  const url = params.redis ?? process.env.PROMPTOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const load = os.loadavg();
  log(`otlp: generating ${requests} export requests with the OpenTelemetry SDK`);
  const traffic = makeOtlpTraffic({
    requests,
    spansPerRequest,
    instances: 8,
    users: 50_000,
    t0: T0,
    stepMs: (3 * 1000) / SIM_SPANS_PER_S,
  });
  const redis = await connectPeerRedis(url, log, 'the Redis row is left out');
  const prefix = `promptops:bench:otlp:${process.pid}:${Date.now()}:`;
  const server: Measured[] = [];
  const decoder: Measured[] = [];
  const pfadd: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      log(`otlp: run ${r + 1}/${reps}`);
      decoder.push(runDecoder(traffic));
      server.push(await runServer(traffic, inflight));
      if (redis !== undefined) pfadd.push(await runRedis(redis, traffic, prefix));
    }
  } finally {
    redis?.disconnect();
  }
  const row = (name: string, m: Measured[]): string => {
    const wall = median(m.map((x) => x.wallPerS));
    return `| ${name} | ${fmt(wall)} | ${fmt(median(m.map((x) => x.perCpuS)))} | ${fmt(wall / 3)} | ${median(m.map((x) => x.msPerRequest)).toFixed(1)} |`;
  };
  const bytes = traffic.bodies.reduce((n, b) => n + b.byteLength, 0) / traffic.bodies.length;
  const lines = [
    machineHeader('OTLP/HTTP protobuf traces: spans/s end to end into raw storage (Parquet) and rollups'),
    `${fmt(traffic.spans)} spans in ${requests} export requests of ~${spansPerRequest} spans ` +
      `(${fmt(bytes)} bytes each, uncompressed), made by the OpenTelemetry SDK and serialized by ` +
      "`ProtobufTraceSerializer` (the OTLP proto exporter's serializer): per trace one SERVER span with " +
      'HTTP semantic-convention attributes, user id, session and visitor cookies, and two SQL child spans; ' +
      `8 instances, 50,000 users, timestamps at ${fmt(SIM_SPANS_PER_S)} spans/s. Median of ${reps} run(s). ` +
      `Server: \`startServer\` on 127.0.0.1, ${inflight} keep-alive connections in flight, modes ${MODES}; ` +
      'the figure runs from the first POST until every transaction is in raw storage in its final form ' +
      '(Parquet files DuckDB reads, converted from the TSV journal segments) and in 1 h rollups (checked). Client and server share the process, so "per CPU-second" (process CPU time, event loop ' +
      "and DuckDB threads) includes the client's small share. The decoder row is `decodeTraces` alone. " +
      'Redis: one PFADD per server span (mode user) into per-instance 2 s keys, pipelined 1,000 at a time ' +
      'over loopback — counting only, no raw rows and no rollups.',
    '',
    `Load average at start: ${load.map((l) => l.toFixed(1)).join(', ')} on ${os.cpus().length} cores ` +
      '(the machine is shared; wall rates suffer most from that).',
    '',
    '| path | spans/s (wall) | spans per CPU-second | transactions/s (wall) | ms per request (wall) |',
    '|---|---:|---:|---:|---:|',
    row('POST /v1/traces end to end (decode, journal, HLL, rollups, Parquet)', server),
    row('`decodeTraces` alone (protobuf → transactions)', decoder),
  ];
  if (pfadd.length > 0) {
    const p = median(pfadd);
    lines.push(
      `| Redis pipelined PFADD of the same user keys | ${fmt(p * 3)} (span-equivalent) | n/a | ${fmt(p)} | n/a |`,
    );
  }
  return lines.join('\n');
}

export const bench: BenchModule = {
  description: 'OTLP/HTTP protobuf spans/s end to end through a real server, the decoder alone, and Redis PFADD',
  run,
};
