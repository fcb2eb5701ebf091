/**
 * `npx promptops bench otlp-decode`: the OTLP protobuf trace decoder alone, CPU time per span, on the
 * same SDK-made export requests as `bench otlp` — `decodeTraces` (the fast reader: protobufjs'
 * Reader over the wire, only the attributes the mapping reads) beside its peer in the same run, the
 * generated classes' full decode that it replaced (same transactions, checked), and each one's
 * reading step alone. Rounds interleave the four so machine noise lands on all of them; medians.
 * Options (`--set key=value`): `requests=N` bodies of ~`spans=N` spans, `rounds=N`. `--quick`: small.
 */
import os from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { emptyIngestReport } from '../model/telemetry.js';
import { decodeTracesWith } from '../ingest/otlp/decode-traces.js';
import { decodeOtlpProtobuf } from '../ingest/otlp/otlp-payload.js';
import { readProtoTraceRequest } from '../ingest/otlp/proto-trace-reader.js';
import type { BenchModule, BenchOptions } from './bench-module.js';
import { median } from './bench-support.js';
import { machineHeader } from './machine-info.js';
import { makeOtlpTraffic } from './otlp-span-traffic.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const OPTIONS = { visitorCookie: 'vid' };

interface Path {
  name: string;
  what: string;
  run: (body: Uint8Array) => void;
}

const PATHS: Path[] = [
  {
    name: '`decodeTraces` (fast reader)',
    what: 'protobuf → transactions, what `POST /v1/traces` runs',
    run: (body) => void decodeTracesWith('fast', body, 'protobuf', OPTIONS),
  },
  {
    name: 'peer: generated full decode',
    what: 'protobuf → transactions through the generated classes (the reading before this change; assembly and mapping shared)',
    run: (body) => void decodeTracesWith('generated', body, 'protobuf', OPTIONS),
  },
  {
    name: 'fast reader, reading alone',
    what: 'wire → spans with ids, times and kept attributes; no transactions',
    run: (body) => readProtoTraceRequest(body, 'unknown', emptyIngestReport(), new Map()),
  },
  {
    name: 'peer: generated `decode` alone',
    what: 'wire → generated message objects (`ExportTraceServiceRequest.decode`)',
    run: (body) => void decodeOtlpProtobuf(body, 'traces'),
  },
];

function cpuMicros(before: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(before);
  return d.user + d.system;
}

async function run({ quick, params, log }: BenchOptions): Promise<string> {
  const requests = Number(params.requests ?? (quick ? 20 : 200));
  const spansPerRequest = Number(params.spans ?? 510);
  const rounds = Number(params.rounds ?? (quick ? 3 : 9));
  const loadBefore = os.loadavg();
  log(`otlp-decode: generating ${requests} export requests with the OpenTelemetry SDK`);
  const traffic = makeOtlpTraffic({
    requests,
    spansPerRequest,
    instances: 8,
    users: 50_000,
    t0: T0,
    stepMs: 3000 / 150_000,
  });
  // The fast reader must give what the generated full decode gives, body for body.
  let identical = true;
  for (const body of traffic.bodies) {
    const fast = decodeTracesWith('fast', body, 'protobuf', OPTIONS);
    const full = decodeTracesWith('generated', body, 'protobuf', OPTIONS);
    if (!isDeepStrictEqual(fast, full)) identical = false;
  }
  if (!identical) log('otlp-decode: the fast reader and the full decode disagree on this traffic');
  const perSpan = new Map<Path, number[]>(PATHS.map((p) => [p, []]));
  for (let r = 0; r < rounds; r++) {
    log(`otlp-decode: round ${r + 1}/${rounds}`);
    // Rotate the order so no path always runs right after the garbage of another.
    for (let k = 0; k < PATHS.length; k++) {
      const p = PATHS[(r + k) % PATHS.length];
      const cpu = process.cpuUsage();
      for (const body of traffic.bodies) p.run(body);
      perSpan.get(p)!.push(cpuMicros(cpu) / traffic.spans);
    }
  }
  const loadAfter = os.loadavg();
  const med = (p: Path): number => median(perSpan.get(p)!);
  const full = med(PATHS[1]);
  const rows = PATHS.map((p) => {
    const us = med(p);
    const best = Math.min(...perSpan.get(p)!);
    return `| ${p.name} | ${us.toFixed(2)} | ${best.toFixed(2)} | ${Math.round(1e6 / us).toLocaleString('en-US')} | ${(us / full).toFixed(2)} | ${p.what} |`;
  });
  const fast = med(PATHS[0]);
  const bytes = traffic.bodies.reduce((n, b) => n + b.byteLength, 0) / traffic.bodies.length;
  return [
    machineHeader('OTLP decoder: protobuf trace export requests → transactions, CPU per span'),
    `${traffic.spans.toLocaleString('en-US')} spans in ${requests} export requests of ~${spansPerRequest} spans ` +
      `(${Math.round(bytes).toLocaleString('en-US')} bytes each), made by the OpenTelemetry SDK and serialized by ` +
      '`ProtobufTraceSerializer`, as in `bench otlp`: per trace one SERVER span with HTTP attributes, user id, ' +
      'session and visitor cookies, and two SQL CLIENT spans. One process, one thread; CPU time of the process ' +
      `(garbage collection included) per span; median and best of ${rounds} interleaved rounds. ` +
      `Same transactions and reports from the fast reader and the full decode on every body: ${identical ? 'yes' : '**no**'}.`,
    '',
    `Load average: ${loadBefore.map((l) => l.toFixed(1)).join(', ')} at the start, ` +
      `${loadAfter.map((l) => l.toFixed(1)).join(', ')} at the end, on ${os.cpus().length} cores.`,
    '',
    '| path | µs CPU per span (median) | best | spans per CPU-second (median) | × generated full decode | what |',
    '|---|---:|---:|---:|---:|---|',
    ...rows,
    '',
    `Target ≤ 2 µs per span for the decoder: ${fast.toFixed(2)} µs (median) — ${fast <= 2 ? 'met' : '**not met**'}.`,
  ].join('\n');
}

export const bench: BenchModule = {
  description: 'OTLP protobuf trace decoder alone: the fast reader vs the generated full decode, CPU per span',
  run,
};
