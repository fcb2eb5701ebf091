/**
 * The public store: `createSessionStore(options)` returns an object express-session accepts as its
 * `store` (the full Store contract, `touch`, `all`, `length` and `clear` included), with `.fastify()`
 * and `.koa()` adapters, the duplicate-login and per-user APIs, and metrics.
 */
import { EventEmitter } from 'node:events';
import type { Backend, LoginResult, UserSessionEntry } from '../backend/backend.js';
import { MemoryBackend } from '../backend/memory-backend.js';
import { RedisBackend } from '../backend/redis-backend.js';
import { contextOfExpressSession, expressStoreMethods } from '../adapters/express-adapter.js';
import type { ExpressLikeResponse, ExpressMiddleware } from '../adapters/express-adapter.js';
import { fastifyStore } from '../adapters/fastify-adapter.js';
import type { FastifySessionStore } from '../adapters/fastify-adapter.js';
import { koaMiddleware } from '../adapters/koa-adapter.js';
import type { KoaMiddleware, KoaSessionOptions } from '../adapters/koa-adapter.js';
import { SessionCore } from '../core/session-core.js';
import { SessionStoreError } from '../core/session-error.js';
import type { SessionData } from '../core/session-record.js';
import { parseStoreOptions } from '../core/store-options.js';
import type { ParsedStoreOptions, SessionStoreOptions } from '../core/store-options.js';
import type { SessionMetricsSnapshot } from '../metrics/session-metrics.js';

type Callback<T = unknown> = (err?: unknown, value?: T) => void;

function settle<T>(p: Promise<T>, cb: Callback<T> | undefined): void {
  p.then(
    (v) => cb?.(null, v),
    (err: unknown) => cb?.(err),
  );
}

function createBackend(o: ParsedStoreOptions): Backend {
  if (o.backend === 'memory') return new MemoryBackend();
  return new RedisBackend({
    url: o.backend,
    keyPrefix: o.keyPrefix,
    minReplicas: o.minReplicas,
    replicaAckTimeoutMs: o.replicaAckTimeoutMs,
    commandTimeoutMs: o.commandTimeoutMs,
    failoverTimeoutMs: o.failoverTimeoutMs,
    autoPipelining: o.autoPipelining,
  });
}

export class SessionStore extends EventEmitter {
  readonly core: SessionCore;

  constructor(options?: SessionStoreOptions) {
    super();
    const parsed = parseStoreOptions(options);
    this.core = new SessionCore(parsed, createBackend(parsed));
  }

  // ---- express-session Store contract -------------------------------------------------------------

  /** Generic in the session type so express-session's own typings accept the store as is. */
  get<S = SessionData>(sid: string, cb: (err: unknown, session?: S | null) => void): void {
    settle(this.core.get(sid) as Promise<S | null>, cb as Callback<S | null>);
  }

  set(sid: string, session: object, cb?: Callback<void>): void {
    settle(this.core.set(sid, session, this.core.reportsEvents ? contextOfExpressSession(session) : {}), cb);
  }

  touch(sid: string, session: object, cb?: Callback<void>): void {
    settle(this.core.touch(sid, session, this.core.reportsEvents ? contextOfExpressSession(session) : {}), cb);
  }

  destroy(sid: string, cb?: Callback<void>): void {
    settle(this.core.end(sid, 'logout'), cb);
  }

  /** Active sessions by id (from the shared active index; capped at 10,000). */
  all<S = SessionData>(cb: (err: unknown, sessions?: Record<string, S> | null) => void): void {
    const run = async () => {
      const out: Record<string, SessionData> = {};
      for (const sid of await this.core.activeSessionIds()) {
        const s = await this.core.get(sid);
        if (s) out[sid] = s;
      }
      return out;
    };
    settle(run() as Promise<Record<string, S>>, cb as Callback<Record<string, S>>);
  }

  length(cb: Callback<number>): void {
    settle(this.core.activeCount(), cb);
  }

  /** Ends every active session (admin reset); sessions end with tombstones like any logout. */
  clear(cb?: Callback<void>): void {
    const run = async () => {
      for (const sid of await this.core.activeSessionIds(Number.MAX_SAFE_INTEGER)) await this.core.end(sid, 'admin');
    };
    settle(run(), cb);
  }

  createSession<R = unknown>(req: unknown, sess: unknown): R {
    return expressStoreMethods().createSession.call(this, req, sess) as R;
  }

  regenerate(req: unknown, fn: Callback): void {
    expressStoreMethods().regenerate.call(this, req, fn);
  }

  load<S = SessionData>(sid: string, fn: (err: unknown, session?: S) => void): void {
    expressStoreMethods().load.call(this, sid, fn as Callback);
  }

  // ---- other frameworks --------------------------------------------------------------------------

  /** A store for @fastify/session (`store: sessions.fastify()`; use `cookiePrefix: 's:'` to share with Express). */
  fastify(): FastifySessionStore {
    return fastifyStore(this.core);
  }

  /** Koa middleware setting `ctx.session` (cookies compatible with express-session). */
  koa(options: KoaSessionOptions): KoaMiddleware {
    return koaMiddleware(this.core, options);
  }

  /** Wraps an Express session middleware so filtered requests (assets, health checks, crawlers) get none. */
  filter<M extends ExpressMiddleware>(sessionMiddleware: M): M {
    const core = this.core;
    return ((
      req: { path?: string; url?: string; headers?: Record<string, unknown> },
      res: unknown,
      next: () => void,
    ) => {
      const ua = req.headers?.['user-agent'];
      const path = req.path ?? req.url ?? '/';
      if (!core.shouldCreateSession({ path, userAgent: typeof ua === 'string' ? ua : undefined })) return next();
      return (sessionMiddleware as unknown as (a: unknown, b: unknown, c: () => void) => void)(req, res, next);
    }) as unknown as M;
  }

  /** Express error handler answering store errors as JSON `{error:{code,message}}` with their status (503 on outage). */
  errorHandler(): (err: unknown, req: unknown, res: ExpressLikeResponse, next: (err?: unknown) => void) => void {
    return (err, _req, res, next) => {
      if (!(err instanceof SessionStoreError) || res.headersSent) return next(err);
      res.statusCode = err.status;
      res.setHeader('content-type', 'application/json');
      if (err.status === 503) res.setHeader('retry-after', '1');
      res.end(JSON.stringify(err.toJSON()));
    };
  }

  // ---- policies, users, metrics ------------------------------------------------------------------

  /** Applies the duplicate-login policy now (before responding); throws `login_rejected` under reject-new. */
  login(sessionId: string, userId: string): Promise<LoginResult> {
    return this.core.login(sessionId, userId);
  }

  userSessions(userId: string): Promise<UserSessionEntry[]> {
    return this.core.userSessions(userId);
  }

  endUserSessions(userId: string): Promise<number> {
    return this.core.endUserSessions(userId, 'admin');
  }

  shouldCreateSession(req: { path: string; userAgent?: string }): boolean {
    return this.core.shouldCreateSession(req);
  }

  metrics(): SessionMetricsSnapshot {
    return this.core.snapshot();
  }

  totalMetrics(): Promise<SessionMetricsSnapshot> {
    return this.core.totalSnapshot();
  }

  /** Prometheus text: this instance and the total over all instances (`instance="total"`). */
  metricsText(): Promise<string> {
    return this.core.metricsText();
  }

  /** Runs the periodic work now (expiry detection, metrics publishing); also runs on a timer. */
  tick(): Promise<SessionMetricsSnapshot> {
    return this.core.tick();
  }

  /** Resolves once the backend answers (the Redis primary is reachable). */
  ready(): Promise<void> {
    return this.core.backend.ready();
  }

  close(): Promise<void> {
    return this.core.close();
  }
}

export function createSessionStore(options?: SessionStoreOptions): SessionStore {
  return new SessionStore(options);
}
