/**
 * Redis backend (standalone, Sentinel, Cluster) on ioredis. A session is one string holding its JSON
 * document (session-record.ts): a read is one GET, a create one `SET … PXAT … NX GET`, an update one
 * compare-and-set script on the document's version (WRITE_SCRIPT), a touch one PEXPIREAT. An ended
 * session's document is a tombstone, which the create and the script refuse to overwrite, so a late
 * write cannot revive the session. Sessions of the previous layout (a hash) are read through
 * legacy-layout.ts and replaced by a document on their next write. With `minReplicas` a write
 * is followed by `WAIT` on the same connection (hence on the same node) and is only acknowledged once
 * that many replicas have it. Every operation retries through connection loss and failover until
 * `failoverTimeoutMs`, then fails with `unavailable`.
 */
import { Cluster } from 'ioredis';
import type { ChainableCommander, Redis } from 'ioredis';
import { SessionStoreError } from '../core/session-error.js';
import { encodeTombstone, isDocument, isTombstone, versionHead } from '../core/session-record.js';
import type { EndReason, ReadResult, SessionWrite, TombstoneDocument, WriteResult } from '../core/session-record.js';
import type {
  ActiveEntry,
  Backend,
  DuplicateLoginPolicy,
  EndedSession,
  ExpiredEntry,
  LoginResult,
  UserSessionEntry,
} from './backend.js';
import { keyLayout } from './key-layout.js';
import { readLegacyHash } from './legacy-layout.js';
import type { KeyLayout } from './key-layout.js';
import { createRedisClient, parseRedisUrl, watchCommandTimeouts } from './redis-connection.js';
import type { RedisTuning } from './redis-connection.js';
import { WriteCoalescer } from './write-coalescer.js';
import {
  END_SCRIPT,
  LEGACY_ENDED_NOTICE_SCRIPT,
  LOGIN_SCRIPT,
  MIGRATE_SCRIPT,
  NOTIFY_SCRIPT,
  POP_EXPIRED_SCRIPT,
  WRITE_SCRIPT,
} from './redis-scripts.js';

type Arg = string | number;
type ScriptCall = (...args: Arg[]) => Promise<unknown>;
type Target = Redis | Cluster | ChainableCommander;
type Client = Redis | Cluster;

const SCRIPTS = {
  poLegacyEndedNotice: { numberOfKeys: 1, lua: LEGACY_ENDED_NOTICE_SCRIPT },
  poWrite: { numberOfKeys: 1, lua: WRITE_SCRIPT },
  poMigrate: { numberOfKeys: 1, lua: MIGRATE_SCRIPT },
  poNotify: { numberOfKeys: 1, lua: NOTIFY_SCRIPT },
  poEnd: { numberOfKeys: 1, lua: END_SCRIPT },
  poLogin: { numberOfKeys: 2, lua: LOGIN_SCRIPT },
  poPopExpired: { numberOfKeys: 2, lua: POP_EXPIRED_SCRIPT },
} as const;
type ScriptName = keyof typeof SCRIPTS;

/** Reply errors that mean "the cluster is moving", worth retrying; any other reply error is final. */
const RETRYABLE_REPLY = /^(CLUSTERDOWN|TRYAGAIN|READONLY|LOADING|MASTERDOWN|MOVED|ASK|NOREPLICAS|BUSY)\b/;

function isRetryable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'ReplyError') return RETRYABLE_REPLY.test(err.message);
  return true; // connection closed, refused, command timeout, MaxRetriesPerRequestError, …
}

/** Connections for durable (WAIT) writes; each serialises its writes on replica acknowledgement. */
const DURABLE_POOL = 4;

/** A GET or SET on a session key that holds a hash: a session of the previous layout. */
function isWrongType(err: unknown): boolean {
  return err instanceof Error && err.message.startsWith('WRONGTYPE');
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const isOne = (n: number) => n === 1;
const ENDED: WriteResult = { status: 'ended' };
const STORED: WriteResult = { status: 'ok' };

/** A conflict with the stored document; a value without the document's head is not a session. */
function conflictWith(doc: string | undefined): WriteResult {
  if (doc === undefined || !isDocument(doc)) {
    throw new SessionStoreError('internal', 'the session key holds a value that is not a session document');
  }
  return { status: 'conflict', doc };
}

/**
 * Runs `send`, which issues commands without awaiting them, with the connection's socket corked, so
 * they leave in one write: a socket write costs more client CPU than anything else a store call does
 * (most of a plain command's client time on the VMs measured), and a durable write is two commands
 * (the write, WAIT), index upkeep one per session. With requests in flight, the shared connection also
 * coalesces whole ticks (write-coalescer.ts). Cluster clients route commands to per-node connections
 * and are left as they are.
 */
function corked<T>(client: Client, send: () => T): T {
  const stream = 'stream' in client ? (client as Redis).stream : undefined;
  if (!stream) return send();
  stream.cork();
  try {
    return send();
  } finally {
    stream.uncork();
  }
}

export interface RedisBackendOptions extends RedisTuning {
  url: string;
  keyPrefix: string;
  /** Replicas that must acknowledge each session write (`WAIT`); 0 = do not wait. */
  minReplicas: number;
  /** How long `WAIT` may block. */
  replicaAckTimeoutMs: number;
}

export class RedisBackend implements Backend {
  readonly kind = 'redis' as const;
  readonly client: Redis | Cluster;
  private readonly keys: KeyLayout;
  /** Retries spent riding through failovers or outages (a metric). */
  retries = 0;

  /**
   * Connections for writes followed by `WAIT`. WAIT blocks the connection it runs on until replicas
   * acknowledge (or it times out, as after a failover with no replica attached): on the shared
   * connection it would stall every read behind it, so durable writes get their own small pool.
   */
  private readonly durableClients: (Redis | Cluster)[];
  private nextDurable = 0;
  /** Stops the command-timeout sweeps of the standalone / Sentinel connections. */
  private readonly stopWatches: (() => void)[] = [];
  /** One socket write per tick on the shared standalone / Sentinel connection; none on Cluster. */
  private readonly coalescer: WriteCoalescer | undefined;

  constructor(private readonly options: RedisBackendOptions) {
    this.client = createRedisClient(parseRedisUrl(options.url), options);
    this.durableClients =
      options.minReplicas > 0 ? Array.from({ length: DURABLE_POOL }, () => this.client.duplicate()) : [];
    for (const c of [this.client, ...this.durableClients]) {
      for (const [name, def] of Object.entries(SCRIPTS)) c.defineCommand(name, def);
      // Errors are reported through the operations that hit them; an unhandled 'error' event would crash the app.
      c.on('error', () => {});
      if (!(c instanceof Cluster)) this.stopWatches.push(watchCommandTimeouts(c, options.commandTimeoutMs));
    }
    this.keys = keyLayout(options.keyPrefix);
    this.coalescer = this.client instanceof Cluster ? undefined : new WriteCoalescer(this.client);
  }

  /** Commands sent on the shared connection from here to the end of the tick leave in one socket write. */
  private hold(): void {
    this.coalescer?.hold();
  }

  private call(target: Target, name: ScriptName): ScriptCall {
    const fn = (target as unknown as Record<ScriptName, ScriptCall>)[name];
    return fn.bind(target);
  }

  /**
   * Runs `op` until it succeeds, fails with a non-retryable error, or the failover budget is spent.
   * The first attempt is a plain promise (no async frame, no timer): it is every call's path.
   */
  private run<T>(what: string, op: () => Promise<T>): Promise<T> {
    const start = Date.now();
    try {
      return op().catch((err: unknown) => this.retry(what, op, err, start));
    } catch (err) {
      return this.retry(what, op, err, start);
    }
  }

  private async retry<T>(what: string, op: () => Promise<T>, first: unknown, start: number): Promise<T> {
    const deadline = start + this.options.failoverTimeoutMs;
    let delay = 50;
    let err = first;
    for (;;) {
      if (err instanceof SessionStoreError || !isRetryable(err)) throw SessionStoreError.from(err);
      if (Date.now() + delay >= deadline) {
        const why = err instanceof Error ? err.message : String(err);
        throw new SessionStoreError(
          'unavailable',
          `session store unavailable: ${what} failed for ${this.options.failoverTimeoutMs} ms (${why})`,
          { cause: err },
        );
      }
      this.retries++;
      await sleep(delay);
      delay = Math.min(delay * 2, 500);
      try {
        return await op();
      } catch (e) {
        err = e;
      }
    }
  }

  /**
   * Sends a write on one connection, then `WAIT minReplicas` behind it when durability is asked for.
   * WAIT is sent without waiting for the write's reply, so a durable write costs no extra round trip.
   */
  private durable<T>(send: (client: Client) => Promise<T>): Promise<T> {
    if (this.durableClients.length === 0) {
      this.hold();
      return send(this.client);
    }
    return this.durableOn(send);
  }

  private async durableOn<T>(send: (client: Client) => Promise<T>): Promise<T> {
    const client = this.durableClients[this.nextDurable++ % this.durableClients.length];
    const [result, acked] = await corked(client, () =>
      Promise.all([send(client), client.wait(this.options.minReplicas, this.options.replicaAckTimeoutMs)]),
    );
    if (Number(acked) < this.options.minReplicas) {
      throw new SessionStoreError(
        'not_durable',
        `session write reached ${String(acked)} of ${this.options.minReplicas} required replicas`,
      );
    }
    return result;
  }

  /**
   * One GET, as connect-redis reads. A tombstone is reported once unless it was a logout; a missing
   * session costs a second call (a tombstone of the layout before 2026-11-25), a hash a second one
   * (a session of the previous layout).
   */
  async read(sessionId: string): Promise<ReadResult> {
    const key = this.keys.session(sessionId);
    // The first attempt is awaited directly (no closure, no extra promise); the retry loop's closure
    // is only built after a failure.
    const start = Date.now();
    let doc: string | null;
    try {
      this.hold();
      doc = await this.client.get(key);
    } catch (err) {
      if (isWrongType(err)) return this.readLegacy(key);
      doc = await this.retry('read', () => this.client.get(key), err, start);
    }
    if (doc === null) return this.readLegacyEnded(sessionId);
    if (!isTombstone(doc)) return { kind: 'found', doc };
    const t = JSON.parse(doc) as TombstoneDocument;
    if (t.x === 'logout' || t.v !== -1) return { kind: 'missing' };
    const first = await this.run('read', () => this.call(this.client, 'poNotify')(key));
    return first === 1 ? { kind: 'ended', reason: t.x, at: t.at } : { kind: 'missing' };
  }

  /** A session hash of the previous layout, read as a document; its tombstone told once (`_n`). */
  private async readLegacy(key: string): Promise<ReadResult> {
    const r = readLegacyHash(await this.run('read', () => this.client.hgetall(key)));
    if (r.kind !== 'ended') return r;
    if (r.reason === 'logout' || r.told) return { kind: 'missing' };
    const first = await this.run('read', () => this.client.hsetnx(key, '_n', 1));
    return first === 1 ? { kind: 'ended', reason: r.reason, at: r.at } : { kind: 'missing' };
  }

  /** A tombstone of the layout before 2026-11-25 (a separate `…:ended` string), told once. */
  private async readLegacyEnded(sessionId: string): Promise<ReadResult> {
    const legacy = (await this.run('read', () =>
      this.call(this.client, 'poLegacyEndedNotice')(this.keys.ended(sessionId)),
    )) as string | null;
    if (!legacy) return { kind: 'missing' };
    const t = JSON.parse(legacy) as { reason: EndReason; at: number };
    return { kind: 'ended', reason: t.reason, at: t.at };
  }

  /**
   * A create is one `SET … PXAT … NX GET` (stored unless a session or tombstone is there, which it then
   * returns); any other write is one compare-and-set script call (WRITE_SCRIPT).
   */
  async write(sessionId: string, w: SessionWrite): Promise<WriteResult> {
    const key = this.keys.session(sessionId);
    if (w.baseVersion === 0) {
      let stored: string | null;
      try {
        stored = await this.run('write', () =>
          this.durable((c) => c.set(key, w.doc, 'PXAT', w.expiresAt, 'NX', 'GET')),
        );
      } catch (err) {
        if (err instanceof SessionStoreError && isWrongType(err.cause)) return this.legacyConflict(key);
        throw err;
      }
      if (stored === null) return STORED;
      return isTombstone(stored) ? ENDED : conflictWith(stored);
    }
    const args: Arg[] = [key, versionHead(w.baseVersion), w.doc, w.keepTtl ? 0 : w.expiresAt];
    let reply: [number, string?];
    try {
      reply = (await this.run('write', () => this.durable((c) => this.call(c, 'poWrite')(...args)))) as typeof reply;
    } catch (err) {
      if (err instanceof SessionStoreError && isWrongType(err.cause)) return this.migrate(sessionId, w);
      throw err;
    }
    switch (reply[0]) {
      case 1:
        return STORED;
      case -1:
        return ENDED;
      case 0:
        return { status: 'missing' };
      default:
        return conflictWith(reply[1]);
    }
  }

  /** A write to a session still stored in the previous layout: compare `_v`, replace the hash by the document. */
  private async migrate(sessionId: string, w: SessionWrite): Promise<WriteResult> {
    const key = this.keys.session(sessionId);
    const args: Arg[] = [key, w.baseVersion, w.doc, w.expiresAt, w.keepTtl ? 1 : 0];
    const reply = (await this.run('write', () => this.durable((c) => this.call(c, 'poMigrate')(...args)))) as [number];
    switch (reply[0]) {
      case 1:
        return STORED;
      case -1:
        return ENDED;
      case 3:
        return this.write(sessionId, w);
      default:
        return this.legacyConflict(key);
    }
  }

  /** A write met a session hash of the previous layout: its document to merge with, or its tombstone. */
  private async legacyConflict(key: string): Promise<WriteResult> {
    const r = readLegacyHash(await this.run('write', () => this.client.hgetall(key)));
    if (r.kind === 'found') return { status: 'conflict', doc: r.doc };
    return r.kind === 'ended' ? ENDED : { status: 'missing' };
  }

  /** One PEXPIREAT, like connect-redis' EXPIRE: the key's TTL is the session's expiry. */
  touch(sessionId: string, _now: number, expiresAt: number): Promise<boolean> {
    const key = this.keys.session(sessionId);
    const start = Date.now();
    this.hold();
    // The first attempt is a plain promise; the retry loop's closure is only built after a failure.
    return this.client
      .pexpireat(key, expiresAt)
      .then(isOne, (err: unknown) =>
        this.retry('touch', () => this.client.pexpireat(key, expiresAt), err, start).then(isOne),
      );
  }

  async end(sessionId: string, now: number, reason: EndReason, tombstoneMs: number): Promise<EndedSession> {
    const args = [this.keys.session(sessionId), encodeTombstone(reason, now), Math.max(1, tombstoneMs)];
    // The creation time lives in the active index (another slot): read beside the script, in the same write.
    const [reply, created] = await this.run('destroy', () =>
      Promise.all([
        this.durable((c) => this.call(c, 'poEnd')(...args)) as Promise<[number, string?, string?, string?]>,
        this.client.hget(this.keys.activeCreated(), sessionId),
      ]),
    );
    if (reply[0] !== 1) return { existed: false };
    if (reply[1]) return { existed: true, doc: reply[1], createdAt: Number(created ?? 0) };
    return { existed: true, createdAt: Number(reply[2] ?? created ?? 0), userId: reply[3] || undefined };
  }

  async login(
    userId: string,
    sessionId: string,
    now: number,
    expiresAt: number,
    policy: DuplicateLoginPolicy,
    maxSessions: number,
    background = false,
  ): Promise<LoginResult> {
    // Index upkeep for a login under `allow` decides nothing: plain commands (a Lua call costs the
    // server about 5 µs per command it runs, several times the commands themselves).
    if (background && policy === 'allow') {
      const index = this.keys.userIndex(userId);
      const logins = this.keys.userLogins(userId);
      await this.run('login', () =>
        Promise.all([
          // Keeps a user who logs in again and again from growing the index; the login-time hash is
          // cleaned when the user's sessions are listed.
          this.client.zremrangebyscore(index, '-inf', now),
          this.client.zadd(index, expiresAt, sessionId),
          this.client.hsetnx(logins, sessionId, now),
          ...this.extendTo(index, expiresAt),
          ...this.extendTo(logins, expiresAt),
        ]),
      );
      return { accepted: true, evicted: [] };
    }
    const args = [
      this.keys.userIndex(userId),
      this.keys.userLogins(userId),
      now,
      sessionId,
      expiresAt,
      policy,
      maxSessions,
    ];
    // Background index upkeep (logins under `allow`) is nothing a user waits on: no replica wait.
    const reply = (await this.run('login', () =>
      background ? this.call(this.client, 'poLogin')(...args) : this.durable((c) => this.call(c, 'poLogin')(...args)),
    )) as [number, ...string[]];
    return { accepted: reply[0] === 1, evicted: reply.slice(1) as string[] };
  }

  /** The key lives at least until `at`: NX sets a TTL on a key without one, GT only ever extends it. */
  private extendTo(key: string, at: number): Promise<number>[] {
    return [this.client.pexpireat(key, at, 'NX'), this.client.pexpireat(key, at, 'GT')];
  }

  /** Moves a session's expiry in its user's index, and the index keys' TTL to `keysUntil` when it is later. */
  async refreshUserIndex(userId: string, sessionId: string, expiresAt: number, keysUntil: number): Promise<void> {
    const index = this.keys.userIndex(userId);
    await this.run<unknown>('user index', () =>
      keysUntil > 0
        ? Promise.all([
            this.client.zadd(index, 'XX', expiresAt, sessionId),
            this.client.pexpireat(index, keysUntil, 'GT'),
            this.client.pexpireat(this.keys.userLogins(userId), keysUntil, 'GT'),
          ])
        : this.client.zadd(index, 'XX', expiresAt, sessionId),
    );
  }

  async unindexUser(userId: string, sessionId: string): Promise<void> {
    await this.run('user index', async () => {
      await this.client.zrem(this.keys.userIndex(userId), sessionId);
      await this.client.hdel(this.keys.userLogins(userId), sessionId);
    });
  }

  async userSessions(userId: string, now: number): Promise<UserSessionEntry[]> {
    // Login times first: a login landing between the two reads is then missing only its time, and is
    // never taken for a stale login-time entry below.
    const [logins, zs] = await this.run('user sessions', () =>
      Promise.all([
        this.client.hgetall(this.keys.userLogins(userId)),
        this.client.zrangebyscore(this.keys.userIndex(userId), `(${now}`, '+inf', 'WITHSCORES'),
      ]),
    );
    const out: UserSessionEntry[] = [];
    for (let i = 0; i < zs.length; i += 2) {
      out.push({ sessionId: zs[i], expiresAt: Number(zs[i + 1]), loginAt: Number(logins[zs[i]] ?? 0) });
    }
    // Logins under `allow` do not clean the index (the policy scripts do): drop what has expired here.
    const live = new Set(out.map((e) => e.sessionId));
    const stale = Object.keys(logins).filter((sid) => !live.has(sid));
    if (stale.length > 0) {
      this.client.zremrangebyscore(this.keys.userIndex(userId), '-inf', now).catch(() => undefined);
      this.client.hdel(this.keys.userLogins(userId), ...stale).catch(() => undefined);
    }
    return out.sort((a, b) => a.loginAt - b.loginAt);
  }

  async trackActive(entries: ActiveEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const zargs: Arg[] = [];
    for (const e of entries) zargs.push(e.expiresAt, e.sessionId);
    await this.run('track active', async () => {
      // Same hash slot ({_active}), so one pipeline reaches one node even on Cluster.
      const pipe = this.client.pipeline();
      pipe.zadd(this.keys.active(), ...zargs);
      // Only the instance that created a session knows its creation time: one HSET for all of them.
      const created: Arg[] = [];
      for (const e of entries) if (e.createdAt > 0) created.push(e.sessionId, e.createdAt);
      if (created.length > 0) pipe.hset(this.keys.activeCreated(), ...created);
      await pipe.exec();
    });
  }

  async untrackActive(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    await this.run('untrack active', async () => {
      const pipe = this.client.pipeline();
      pipe.zrem(this.keys.active(), ...sessionIds);
      pipe.hdel(this.keys.activeCreated(), ...sessionIds);
      await pipe.exec();
    });
  }

  async popExpired(before: number, limit: number): Promise<ExpiredEntry[]> {
    const flat = (await this.run('expiry scan', () =>
      this.call(this.client, 'poPopExpired')(this.keys.active(), this.keys.activeCreated(), before, limit),
    )) as string[];
    const out: ExpiredEntry[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ sessionId: flat[i], createdAt: Number(flat[i + 1]) });
    return out;
  }

  async countActive(now: number): Promise<number> {
    return this.run('count', () => this.client.zcount(this.keys.active(), `(${now}`, '+inf'));
  }

  /**
   * PEXPIRETIME of each session key, and its sixth character to tell a tombstone (`{"v":-…`) from a
   * live document; one command each (the keys are in different Cluster slots), in one socket write.
   */
  async sessionExpiries(sessionIds: string[]): Promise<number[]> {
    return this.run('expiry check', () =>
      this.batch(() =>
        Promise.all(
          sessionIds.map(async (sid) => {
            const key = this.keys.session(sid);
            const [at, head] = await Promise.all([
              this.client.call('PEXPIRETIME', key) as Promise<number>,
              // A hash (a session of the previous layout) has no characters: read as live.
              this.client.getrange(key, 5, 5).catch(() => ''),
            ]);
            return head === '-' || at <= 0 ? 0 : Number(at);
          }),
        ),
      ),
    );
  }

  async activeIds(now: number, limit: number): Promise<string[]> {
    return this.run('list', () => this.client.zrangebyscore(this.keys.active(), `(${now}`, '+inf', 'LIMIT', 0, limit));
  }

  async memoryUsage(sessionIds: string[]): Promise<number[]> {
    return this.run('memory usage', () =>
      Promise.all(
        sessionIds.map(async (sid) => {
          const n = await this.client.call('MEMORY', 'USAGE', this.keys.session(sid), 'SAMPLES', '0');
          return Number(n ?? 0);
        }),
      ),
    );
  }

  async publishMetrics(instance: string, snapshotJson: string): Promise<void> {
    await this.run('metrics', () => this.client.hset(this.keys.metrics(), instance, snapshotJson));
  }

  async readMetrics(): Promise<Record<string, string>> {
    return this.run('metrics', () => this.client.hgetall(this.keys.metrics()));
  }

  batch<T>(send: () => T): T {
    this.hold();
    return corked(this.client, send);
  }

  async ready(): Promise<void> {
    await this.run('ping', () => this.client.ping());
  }

  async close(): Promise<void> {
    for (const stop of this.stopWatches) stop();
    for (const c of [this.client, ...this.durableClients]) c.disconnect();
  }
}
