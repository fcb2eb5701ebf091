/**
 * Session store: latency and throughput of the express-session Store calls (create, get, update,
 * touch) for `@promptops/session` beside `connect-redis` (the usual express-session Redis store),
 * both on ioredis against the same Redis in the same run, rounds interleaved; CPU per call (client and
 * Redis, by peer); and Redis memory per session for each. Starts its own redis-server on 127.0.0.1:6450
 * (`--set port=N` for another) unless `--set redis=URL` is given.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import type { ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { RedisStore } from 'connect-redis';
import express from 'express';
import session from 'express-session';
import type { Store } from 'express-session';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { SESSION_WRITE_SCRIPT, createSessionStore } from '@promptops/session';
import type { BenchModule, BenchOptions } from './bench-module.js';
import { machineHeader } from './machine-info.js';

type Cb<T> = (err: unknown, value?: T) => void;

/** The express-session Store calls both peers implement. */
interface StoreUnderTest {
  name: string;
  get(sid: string, cb: Cb<Record<string, unknown> | null>): void;
  set(sid: string, sess: Record<string, unknown>, cb: Cb<void>): void;
  touch(sid: string, sess: Record<string, unknown>, cb: Cb<void>): void;
  close(): Promise<void>;
}

const call = <T>(fn: (cb: Cb<T>) => void) =>
  new Promise<T>((resolve, reject) =>
    fn((err, v) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(v as T))),
  );

/** A session as express-session hands it to the store after a login on a shop page. */
function sampleSession(i: number): Record<string, unknown> {
  return {
    cookie: {
      originalMaxAge: 1_800_000,
      expires: new Date(Date.now() + 1_800_000).toISOString(),
      secure: false,
      httpOnly: true,
      path: '/',
    },
    userId: `user-${i}`,
    roles: ['customer'],
    cart: [{ sku: `SKU-${i % 97}`, qty: 1 }],
    csrf: 'Zm9vYmFyYmF6cXV4cXV1eA',
    visits: 1,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Op = 'create' | 'get' | 'update' | 'touch' | 'express request';
const OPS: Op[] = ['create', 'get', 'update', 'touch', 'express request'];

async function runOp(s: StoreUnderTest, op: Op, sid: string, i: number): Promise<void> {
  switch (op) {
    case 'create':
      return call<void>((cb) => s.set(sid, sampleSession(i), cb));
    case 'get':
      await call<Record<string, unknown> | null>((cb) => s.get(sid, cb));
      return;
    case 'update': {
      const sess = (await call<Record<string, unknown> | null>((cb) => s.get(sid, cb))) ?? sampleSession(i);
      sess.visits = Number(sess.visits ?? 0) + 1;
      return call<void>((cb) => s.set(sid, sess, cb));
    }
    case 'touch':
      return call<void>((cb) => s.touch(sid, sampleSession(i), cb));
    case 'express request':
      throw new Error('an express request is measured over HTTP, not as a store call');
  }
}

interface Measure {
  p50: number;
  p99: number;
  opsPerSec: number;
  /** Client CPU (this process: store, ioredis, Express) per call over both phases, µs. */
  clientCpu: number;
  /** Redis CPU per call (INFO commandstats usec of this peer's commands over both phases), µs. */
  redisCpu: number;
}

const ADMIN_COMMANDS = /^(config|info|ping|client|select|hello|command|memory|flushall|object|dbsize)/;

/**
 * Redis CPU µs of data commands so far (INFO commandstats). Both stores send GET and SET, so it is read
 * around each peer's chunk and burst (the peers never run at the same time) instead of split by command.
 */
async function redisUsec(raw: Redis): Promise<number> {
  let usec = 0;
  for (const line of (await raw.info('commandstats')).split('\n')) {
    const m = /^cmdstat_([^:]+):calls=\d+,usec=(\d+)/.exec(line.trim());
    if (m && !ADMIN_COMMANDS.test(m[1])) usec += Number(m[2]);
  }
  return usec;
}

/** One unit of work for a peer: `k` is the operation's index. */
type Work = (peer: number, k: number) => Promise<void>;

const CHUNK = 50;
const BURST = 400;

/**
 * Latency and throughput of both peers, interleaved in small chunks (A B, B A, …) so that the noise
 * of a shared machine lands on both peers alike instead of on whichever ran during a busy second.
 */
async function measurePair(
  work: Work,
  n: number,
  concurrency: number,
  raw: Redis,
  settle: (peer: number) => Promise<void>,
): Promise<[Measure, Measure]> {
  const lat: number[][] = [[], []];
  const cpu = [0, 0];
  const redis = [0, 0];
  // Background work a peer started (index upkeep) is finished inside its own CPU window, outside the
  // latency timings, so it is charged to the peer and the op that caused it.
  const charged = async (peer: number, run: () => Promise<void>) => {
    const r0 = await redisUsec(raw);
    const c0 = process.cpuUsage();
    await run();
    await settle(peer);
    const used = process.cpuUsage(c0);
    cpu[peer] += used.user + used.system;
    redis[peer] += (await redisUsec(raw)) - r0;
  };
  for (let c = 0; c * CHUNK < n; c++) {
    for (const peer of c % 2 === 0 ? [0, 1] : [1, 0]) {
      await charged(peer, async () => {
        for (let k = c * CHUNK; k < Math.min(n, (c + 1) * CHUNK); k++) {
          const t = process.hrtime.bigint();
          await work(peer, k);
          lat[peer].push(Number(process.hrtime.bigint() - t) / 1000);
        }
      });
    }
  }
  const busy = [0, 0];
  const done = [0, 0];
  const total = n * 4;
  for (let b = 0; b * BURST < total; b++) {
    for (const peer of b % 2 === 0 ? [0, 1] : [1, 0]) {
      let next = b * BURST;
      const end = Math.min(total, (b + 1) * BURST);
      await charged(peer, async () => {
        const t0 = process.hrtime.bigint();
        await Promise.all(
          Array.from({ length: concurrency }, async () => {
            while (next < end) await work(peer, n + next++);
          }),
        );
        busy[peer] += Number(process.hrtime.bigint() - t0) / 1e9;
      });
      done[peer] += end - b * BURST;
    }
  }
  return [0, 1].map((peer) => {
    const sorted = lat[peer].sort((x, y) => x - y);
    return {
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      opsPerSec: done[peer] / busy[peer],
      clientCpu: cpu[peer] / (n + total),
      redisCpu: redis[peer] / (n + total),
    };
  }) as [Measure, Measure];
}

type FloorOp = 'get' | 'create' | 'update' | 'touch';
const FLOOR_OPS: FloorOp[] = ['get', 'create', 'update', 'touch'];

/**
 * The two key layouts by themselves: each store's commands for an op, sent by bare ioredis clients with
 * the values serialised beforehand (no store code, no JSON work), so the ratio is what the commands
 * cost on the wire, in ioredis and in Redis — a floor under the stores' own ratios. @promptops/session
 * (one JSON document per session, packages/session/README.md): get = GET; create = SET … PXAT … NX GET;
 * update = GET, then the compare-and-set script (EVALSHA; one SET … GET inside); touch = PEXPIREAT.
 * connect-redis: GET; SET … EX; GET then SET … EX; EXPIRE.
 */
async function layoutFloor(
  url: string,
  n: number,
  concurrency: number,
  raw: Redis,
): Promise<Map<FloorOp, [Measure, Measure]>> {
  const ours = new Redis(url);
  const theirs = new Redis(url);
  ours.defineCommand('poWrite', { numberOfKeys: 1, lua: SESSION_WRITE_SCRIPT });
  await Promise.all([ours.ping(), theirs.ping()]);
  const sess = sampleSession(1);
  const now = Date.now();
  const json = JSON.stringify(sess);
  const at = now + 1_800_000;
  const write = (key: string, doc: string) =>
    (ours as unknown as { poWrite(...args: (string | number)[]): Promise<unknown> }).poWrite(key, '{"v":1,', doc, 0);
  // Version 1 throughout: every compare-and-set finds the version it expects, as an uncontended update does.
  const doc = `{"v":1,"s":${json}}`;
  const okey = (k: number) => `bench:floor:po:{f-${k}}`;
  const skey = (k: number) => `bench:floor:cr:f-${k}`;
  const total = n * 5;
  for (let k = 0; k < total; k++) {
    await ours.set(okey(k), doc, 'PXAT', at);
    await theirs.set(skey(k), json, 'EX', 1800);
  }
  const work: Record<FloorOp, Work> = {
    get: (peer, k) => (peer === 0 ? ours.get(okey(k % total)) : theirs.get(skey(k % total))).then(() => {}),
    create: (peer, k) =>
      (peer === 0
        ? ours.set(`${okey(k)}c`, doc, 'PXAT', at, 'NX', 'GET')
        : theirs.set(`${skey(k)}c`, json, 'EX', 1800)
      ).then(() => {}),
    update: async (peer, k) => {
      if (peer === 0) {
        await ours.get(okey(k % total));
        await write(okey(k % total), doc);
      } else {
        await theirs.get(skey(k % total));
        await theirs.set(skey(k % total), json, 'EX', 1800);
      }
    },
    touch: (peer, k) =>
      (peer === 0 ? ours.pexpireat(okey(k % total), at) : theirs.expire(skey(k % total), 1800)).then(() => {}),
  };
  // The script's first call on a connection goes as EVAL: load it before measuring.
  await write(okey(0), doc);
  const out = new Map<FloorOp, [Measure, Measure]>();
  for (const op of FLOOR_OPS) out.set(op, await measurePair(work[op], n, concurrency, raw, async () => undefined));
  ours.disconnect();
  theirs.disconnect();
  return out;
}

/** An Express app whose every request reads the session and changes one field (express-session saves it). */
async function expressServer(store: Store): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(
    session({ store, secret: 'bench-secret-bench-secret-bench-secret', resave: false, saveUninitialized: false }),
  );
  app.get('/visit', (req, res) => {
    const s = req.session as unknown as { visits?: number };
    s.visits = (s.visits ?? 0) + 1;
    res.json({ visits: s.visits });
  });
  const server: Server = await new Promise((resolve) => {
    const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/visit`, server };
}

/** One session cookie per simulated client, obtained by a first request. */
async function clientCookies(url: string, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(url);
    await res.text();
    cookies.push(res.headers.getSetCookie()[0]?.split(';')[0] ?? '');
  }
  return cookies;
}

async function startRedis(port: number, log: (l: string) => void): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => 100, maxRetriesPerRequest: 50 });
  await probe.ping();
  probe.disconnect();
  log(`started redis-server on 127.0.0.1:${port}`);
  return child;
}

async function usedMemory(r: Redis): Promise<number> {
  const info = await r.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function memoryPerSession(
  r: Redis,
  s: StoreUnderTest,
  count: number,
  settle: () => Promise<void>,
): Promise<number> {
  const before = await usedMemory(r);
  for (let k = 0; k < count; k += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, count - k) }, (_, j) =>
        call<void>((cb) => s.set(`mem-${k + j}`, sampleSession(k + j), cb)),
      ),
    );
  }
  await settle();
  return (await usedMemory(r)) - before;
}

export const bench: BenchModule = {
  description:
    '@promptops/session vs connect-redis (express-session stores) on the same Redis: latency, throughput, memory per session',
  async run(o: BenchOptions): Promise<string> {
    const n = Number(o.params.n ?? (o.quick ? 300 : 2000));
    const rounds = Number(o.params.rounds ?? (o.quick ? 1 : 3));
    const concurrency = Number(o.params.concurrency ?? 32);
    const memCount = Number(o.params.sessions ?? (o.quick ? 2000 : 10_000));
    const port = Number(o.params.port ?? 6450);
    const loadStart = os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
    const child = o.params.redis ? undefined : await startRedis(port, o.log);
    const url = o.params.redis ?? `redis://127.0.0.1:${port}`;
    const raw = new Redis(url);
    try {
      if (!o.params.redis) await raw.flushall();
      const autoPipelining = o.params.autoPipelining === 'true';
      const ours = createSessionStore({ backend: url, keyPrefix: 'bench:po:', instance: 'bench', autoPipelining });
      const crClient = new Redis(url);
      const cr = new RedisStore({ client: crClient, prefix: 'bench:cr:' });
      const servers = [await expressServer(ours), await expressServer(cr)];
      const peers: StoreUnderTest[] = [
        {
          name: '@promptops/session',
          get: (sid, cb) => ours.get(sid, cb),
          set: (sid, sess, cb) => ours.set(sid, sess, cb),
          touch: (sid, sess, cb) => ours.touch(sid, sess, cb),
          close: () => ours.close(),
        },
        {
          name: 'connect-redis 8',
          get: (sid, cb) => void cr.get(sid, cb as never),
          set: (sid, sess, cb) => void cr.set(sid, sess as never, cb),
          touch: (sid, sess, cb) => void cr.touch(sid, sess as never, cb),
          close: async () => {
            crClient.disconnect();
          },
        },
      ];
      const results = new Map<string, Map<Op, Measure[]>>(
        peers.map((p) => [p.name, new Map(OPS.map((op) => [op, []]))]),
      );
      const cookies = [
        await clientCookies(servers[0].url, concurrency),
        await clientCookies(servers[1].url, concurrency),
      ];
      for (let round = 0; round < rounds; round++) {
        // Sessions for get/update/touch exist before they are measured.
        for (let k = 0; k < n; k++) for (const p of peers) await runOp(p, 'create', `bench-${round}-${k}`, k);
        for (const op of OPS) {
          const work: Work =
            op === 'express request'
              ? async (peer, k) => {
                  const res = await fetch(servers[peer].url, { headers: { cookie: cookies[peer][k % concurrency] } });
                  await res.text();
                }
              : (peer, k) =>
                  runOp(peers[peer], op, op === 'create' ? `bench-${round}-${k}-c` : `bench-${round}-${k % n}`, k);
          const count = op === 'express request' ? Math.max(100, Math.round(n / 4)) : n;
          const pair = await measurePair(work, count, concurrency, raw, async (peer) => {
            if (peer === 0) await ours.core.flushIndex();
          });
          pair.forEach((m, i) => {
            results.get(peers[i].name)?.get(op)?.push(m);
            o.log(
              `round ${round + 1}/${rounds} ${op} ${peers[i].name}: p50 ${m.p50.toFixed(0)} µs, ${m.opsPerSec.toFixed(0)} ops/s, CPU ${m.clientCpu.toFixed(0)} + ${m.redisCpu.toFixed(1)} µs`,
            );
          });
        }
      }
      // Writes that met a newer version and were merged (the express clients' requests can overlap on one cookie).
      const merged = ours.metrics().interleavedWrites;
      await raw.flushall();
      const floor = o.params.floor === 'false' ? undefined : await layoutFloor(url, n, concurrency, raw);
      if (floor) await raw.flushall();
      const memOurs = await memoryPerSession(raw, peers[0], memCount, async () => {
        await ours.core.flushIndex();
      });
      const docBytes = Number(await raw.call('MEMORY', 'USAGE', 'bench:po:{mem-1}', 'SAMPLES', '0'));
      await raw.flushall();
      const memCr = await memoryPerSession(raw, peers[1], memCount, async () => undefined);
      const stringBytes = Number(await raw.call('MEMORY', 'USAGE', 'bench:cr:mem-1', 'SAMPLES', '0'));
      await raw.flushall();
      for (const { server } of servers) await new Promise((r) => server.close(r));
      for (const p of peers) await p.close();

      const med = (name: string, op: Op, k: keyof Measure) =>
        median(
          results
            .get(name)
            ?.get(op)
            ?.map((m) => m[k]) ?? [0],
        );
      const a = peers[0].name;
      const b = peers[1].name;
      const lines = [
        machineHeader('Session store: @promptops/session vs connect-redis'),
        `- Redis: ${o.params.redis ? url : `redis-server ${await raw.info('server').then((i) => /redis_version:(\S+)/.exec(i)?.[1] ?? '?')} on 127.0.0.1:${port}, started by the bench`}; both stores on ioredis 5 (auto-pipelining ${autoPipelining ? 'on' : 'off'} for @promptops/session, off for connect-redis), called through the express-session Store API`,
        `- ${rounds} round(s); per op, latency from ${n} sequential calls and throughput from ${n * 4} calls with ${concurrency} in flight (express request: a quarter of that), the two peers interleaved in chunks of ${CHUNK} calls and bursts of ${BURST} so machine noise lands on both; medians over rounds`,
        '- create = first `set` of a new session; update = `get`, change one field, `set`; touch = `touch` (express-session calls it on unmodified requests); express request = an HTTP request to an Express app whose handler changes one session field (express-session `get` + `set`), keep-alive, one cookie per client',
        '',
        `| op | ${a} p50 µs | ${b} p50 µs | p50 ratio | ${a} p99 µs | ${b} p99 µs | ${a} ops/s | ${b} ops/s | throughput ratio |`,
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
      ];
      for (const op of OPS) {
        const pa = med(a, op, 'p50');
        const pb = med(b, op, 'p50');
        const ta = med(a, op, 'opsPerSec');
        const tb = med(b, op, 'opsPerSec');
        lines.push(
          `| ${op} | ${pa.toFixed(0)} | ${pb.toFixed(0)} | ${(pa / pb).toFixed(2)} | ${med(a, op, 'p99').toFixed(0)} | ${med(b, op, 'p99').toFixed(0)} | ${ta.toFixed(0)} | ${tb.toFixed(0)} | ${(ta / tb).toFixed(2)} |`,
        );
      }
      lines.push(
        '',
        `CPU per call (the figure a busy shared machine distorts least: ratios of CPU spent, not of waiting). Client = this process (store, ioredis, Express) over both phases, with @promptops/session's buffered index upkeep flushed after each of its chunks and bursts so it is charged to the op that caused it; Redis = \`INFO commandstats\` usec of data commands, read around each peer's chunks and bursts (the peers never run at once), over both phases, background index upkeep included. Load average ${loadStart} at the start, ${os
          .loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')} at the end.`,
        '',
        `| op | ${a} client µs | ${b} client µs | ${a} Redis µs | ${b} Redis µs | client + Redis ratio |`,
        '|---|---:|---:|---:|---:|---:|',
        ...OPS.map((op) => {
          const ca = med(a, op, 'clientCpu');
          const cb = med(b, op, 'clientCpu');
          const ra = med(a, op, 'redisCpu');
          const rb = med(b, op, 'redisCpu');
          return `| ${op} | ${ca.toFixed(0)} | ${cb.toFixed(0)} | ${ra.toFixed(1)} | ${rb.toFixed(1)} | ${((ca + ra) / (cb + rb)).toFixed(2)} |`;
        }),
        ...(floor
          ? [
              '',
              `The key layouts by themselves (\`layoutFloor\` in the bench: each store's commands for the op from bare ioredis clients, values serialised beforehand, no store code; the same sequential/concurrent phases, one round, same Redis and run): ${a} get = GET; create = SET … PXAT … NX GET; update = GET, then the compare-and-set script (EVALSHA, one SET … KEEPTTL GET inside); touch = PEXPIREAT. ${b}: GET, SET … EX, GET then SET, EXPIRE. Both sides leave out the JSON work (connect-redis' parse and stringify are in its figures above) and the layout's throughput has no write coalescing, so a store can land somewhat below its layout's ratio; what the layout shows is how much of the gap the commands alone make.`,
              '',
              `| op | layout p50 ratio | layout throughput ratio | ${a} layout client µs | ${b} layout client µs | ${a} layout Redis µs | ${b} layout Redis µs |`,
              '|---|---:|---:|---:|---:|---:|---:|',
              ...FLOOR_OPS.map((op) => {
                const [x, y] = floor.get(op) as [Measure, Measure];
                return `| ${op} | ${(x.p50 / y.p50).toFixed(2)} | ${(x.opsPerSec / y.opsPerSec).toFixed(2)} | ${x.clientCpu.toFixed(0)} | ${y.clientCpu.toFixed(0)} | ${x.redisCpu.toFixed(1)} | ${y.redisCpu.toFixed(1)} |`;
              }),
            ]
          : []),
        '',
        `Redis memory per session (${memCount} logged-in sessions of the same content, \`used_memory\` delta / count): ${a} ${(memOurs / memCount).toFixed(0)} B, of which the session's document is ${docBytes} B (\`MEMORY USAGE\`) and the rest its entries in the active-session index and the per-user index; ${b} ${(memCr / memCount).toFixed(0)} B (one JSON string, ${stringBytes} B by \`MEMORY USAGE\`).`,
        '',
        `${a} writes that met a newer version of their session and were merged by field (\`interleavedWrites\`, all ops and rounds; in the express phase a client's next request can start while its previous one on the same cookie is still in flight): ${merged}.`,
        '',
        'p50 ratio < 1 and throughput ratio > 1 favour @promptops/session. What the extra work buys: compare-and-set writes merged by field on a conflict (a parallel logout is not undone), a tombstone that refuses late writes, per-user index and duplicate-login policy, the active-session index for totals and expiry events.',
      );
      return lines.join('\n');
    } finally {
      raw.disconnect();
      child?.kill('SIGKILL');
    }
  },
};
