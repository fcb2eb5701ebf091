/**
 * Backend URL → ioredis client with retry settings that outlast a failover. ioredis (installed, the
 * most used Node client with first-class Sentinel and Cluster support) is configured so that a single
 * command is short (`commandTimeoutMs`) and reconnection never stops; the backend then retries an
 * operation until `failoverTimeoutMs`, which is what lets a request ride through a Sentinel or Cluster
 * failover and still fail fast (503) on a real outage.
 */
import { Cluster, Redis } from 'ioredis';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import { SessionStoreError } from '../core/session-error.js';

export interface RedisTuning {
  /** Longest a single Redis command may take before it is retried or failed. */
  commandTimeoutMs: number;
  /** Longest one store operation keeps retrying through a failover before answering 503. */
  failoverTimeoutMs: number;
  /** ioredis `enableAutoPipelining`. */
  autoPipelining: boolean;
}

export type RedisTarget =
  | { mode: 'standalone'; host: string; port: number; username?: string; password?: string; db: number; tls: boolean }
  | { mode: 'sentinel'; sentinels: { host: string; port: number }[]; name: string; password?: string; db: number }
  | { mode: 'cluster'; nodes: { host: string; port: number }[]; password?: string };

function hostList(text: string, what: string): { host: string; port: number }[] {
  const list = text
    .split(',')
    .filter(Boolean)
    .map((hp) => {
      const m = /^\[?([^\]]+?)\]?(?::(\d+))?$/.exec(hp);
      if (!m) throw new SessionStoreError('invalid_option', `bad host '${hp}' in ${what}`);
      return { host: m[1], port: Number(m[2] ?? (what === 'sentinel' ? 26379 : 6379)) };
    });
  if (list.length === 0) throw new SessionStoreError('invalid_option', `no hosts in ${what} URL`);
  return list;
}

/** Parses `redis://`, `rediss://`, `redis+sentinel://h:p,h:p/primary[/db]`, `redis+cluster://h:p,h:p`. */
export function parseRedisUrl(url: string): RedisTarget {
  const m = /^(redis|rediss|redis\+sentinel|redis\+cluster):\/\/(?:([^@/]*)@)?([^/?]+)(\/[^?]*)?/.exec(url);
  if (!m) throw new SessionStoreError('invalid_option', `backend '${url}' is not 'memory' or a Redis URL`);
  const [, scheme, auth, hosts, path = ''] = m;
  let username: string | undefined;
  let password: string | undefined;
  if (auth) {
    const i = auth.indexOf(':');
    username = i < 0 ? undefined : decodeURIComponent(auth.slice(0, i)) || undefined;
    password = decodeURIComponent(i < 0 ? auth : auth.slice(i + 1)) || undefined;
  }
  const parts = path.split('/').filter(Boolean);
  switch (scheme) {
    case 'redis+sentinel': {
      if (!parts[0]) throw new SessionStoreError('invalid_option', `sentinel URL '${url}' needs /primaryName`);
      return {
        mode: 'sentinel',
        sentinels: hostList(hosts, 'sentinel'),
        name: parts[0],
        password,
        db: Number(parts[1] ?? 0),
      };
    }
    case 'redis+cluster':
      return { mode: 'cluster', nodes: hostList(hosts, 'cluster'), password };
    default: {
      const [h] = hostList(hosts, 'redis');
      return { mode: 'standalone', ...h, username, password, db: Number(parts[0] ?? 0), tls: scheme === 'rediss' };
    }
  }
}

/** Options shared by every connection: short commands, endless quick reconnects. */
function connectionOptions(t: RedisTuning): RedisOptions {
  return {
    connectTimeout: t.commandTimeoutMs,
    // Cluster keeps ioredis' per-command timer (its node connections are its own); standalone and
    // Sentinel connections are swept by watchCommandTimeouts instead (see there).
    // ioredis' default (20 reconnect attempts per command) hides an outage for tens of seconds; the
    // backend's own deadline decides instead.
    maxRetriesPerRequest: 1,
    retryStrategy: (times: number) => Math.min(50 * times, 500),
    enableOfflineQueue: true,
    // Off by default: it defers every command to setImmediate, which costs more latency than the
    // saved syscalls win back unless many requests run in parallel (see BENCHMARKS.md).
    enableAutoPipelining: t.autoPipelining,
    // A session store must not answer from a replica: a read just after a write must see it.
    readOnly: false,
  };
}

export function createRedisClient(target: RedisTarget, tuning: RedisTuning): Redis | Cluster {
  const base = connectionOptions(tuning);
  switch (target.mode) {
    case 'standalone':
      return new Redis({
        ...base,
        host: target.host,
        port: target.port,
        username: target.username,
        password: target.password,
        db: target.db,
        ...(target.tls ? { tls: {} } : {}),
      });
    case 'sentinel':
      return new Redis({
        ...base,
        sentinels: target.sentinels,
        name: target.name,
        role: 'master',
        password: target.password,
        db: target.db,
        sentinelRetryStrategy: (times: number) => Math.min(100 * times, 1000),
        sentinelCommandTimeout: tuning.commandTimeoutMs,
        // Subscribes to +switch-master so the client moves to the new primary as soon as it is elected.
        failoverDetector: true,
      });
    case 'cluster': {
      const options: ClusterOptions = {
        redisOptions: { ...base, commandTimeout: tuning.commandTimeoutMs, password: target.password },
        clusterRetryStrategy: (times: number) => Math.min(100 * times, 1000),
        // Cluster failover takes about cluster-node-timeout plus an election; these retry delays keep
        // commands going while slots move instead of failing on the first MOVED/CLUSTERDOWN.
        retryDelayOnFailover: 200,
        retryDelayOnClusterDown: 200,
        retryDelayOnTryAgain: 200,
        retryDelayOnMoved: 50,
        maxRedirections: 32,
        slotsRefreshTimeout: tuning.commandTimeoutMs,
        slotsRefreshInterval: 5000,
        enableOfflineQueue: true,
        enableAutoPipelining: tuning.autoPipelining,
        scaleReads: 'master',
      };
      return new Cluster(target.nodes, options);
    }
  }
}

/** What the sweep reads of ioredis' reply and offline queues (denque of `{ command }`). */
interface QueuedCommand {
  command: { isResolved: boolean; reject: (err: Error) => void };
}
interface CommandQueue {
  length: number;
  peekAt(i: number): QueuedCommand | undefined;
}

/**
 * The command timeout of a standalone or Sentinel connection, as one sweep instead of ioredis'
 * `commandTimeout`, which arms a timer per command (a closure, a Timeout, a clear and a property delete:
 * about 2 µs of client CPU per command measured here, and a session write or login is several). Every
 * quarter of `timeoutMs` the sweep notes the commands waiting for a reply or for a connection; one still
 * waiting `timeoutMs` after it was first seen is rejected with ioredis' own "Command timed out" error, so
 * a command fails between `timeoutMs` and 1.25 × `timeoutMs` after it was sent. Returns the stop function.
 */
export function watchCommandTimeouts(client: Redis, timeoutMs: number): () => void {
  const seen = new WeakMap<object, number>();
  const queues = client as unknown as { commandQueue?: CommandQueue; offlineQueue?: CommandQueue };
  // The queues are ioredis internals: if a future ioredis renames them, fail at start-up rather than
  // leave commands without any timeout.
  if (typeof queues.commandQueue?.peekAt !== 'function' || typeof queues.offlineQueue?.peekAt !== 'function')
    throw new Error('ioredis command queues not found: this ioredis version is not supported by watchCommandTimeouts');
  const sweepQueue = (q: CommandQueue | undefined, now: number) => {
    if (!q) return;
    for (let i = 0; i < q.length; i++) {
      const c = q.peekAt(i)?.command;
      if (!c || c.isResolved) continue;
      const first = seen.get(c);
      if (first === undefined) seen.set(c, now);
      else if (now - first >= timeoutMs) c.reject(new Error('Command timed out'));
    }
  };
  const timer = setInterval(
    () => {
      const now = Date.now();
      sweepQueue(queues.commandQueue, now);
      sweepQueue(queues.offlineQueue, now);
    },
    Math.max(10, Math.floor(timeoutMs / 4)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
