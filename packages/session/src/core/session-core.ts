/**
 * The framework-independent core with an async API: read, write (compare-and-set on the session's
 * version, merged by field when another write came first; refused by a tombstone),
 * touch, destroy, login with the duplicate-login policy, per-user session listing, metrics and events.
 * Adapters (express-session, Fastify, Koa) are thin callbacks over this.
 */
import type { ActiveEntry, Backend, LoginResult, UserSessionEntry } from '../backend/backend.js';
import { EventReporter } from '../events/event-reporter.js';
import type { SessionEvent, SessionEventType } from '../events/session-event.js';
import { CreationFilter } from '../policy/creation-filter.js';
import type { RequestInfo } from '../policy/creation-filter.js';
import { prometheusText } from '../metrics/prometheus-text.js';
import { SessionMetrics, totalOf } from '../metrics/session-metrics.js';
import type { SessionMetricsSnapshot } from '../metrics/session-metrics.js';
import { SessionStoreError } from './session-error.js';
import type { EndReason, ReadResult, SessionData } from './session-record.js';
import {
  BASE_FIELD,
  ENDED_FIELD,
  SessionBase,
  cookieExpiry,
  encodeDocument,
  parseDocument,
  readBase,
  sessionJson,
} from './session-record.js';
import { mergeSession } from './session-merge.js';
import type { ParsedStoreOptions } from './store-options.js';
import { expiryOf } from './session-expiry.js';
import { IndexBuffer } from './index-buffer.js';

/** Who made the request, for events (adapters fill it where the framework exposes the request). */
export interface RequestContext {
  clientIp?: string;
  userAgent?: string;
}

/** A write that meets newer versions this many times in a row fails (`internal`); each retry merges first. */
const MAX_WRITE_ATTEMPTS = 16;

/** A write the backend accepted. */
interface Written {
  version: number;
  doc: string;
  created: boolean;
  /** Another write came in between: this one was merged by field into it. */
  interleaved: boolean;
  /** The user id of the document this write replaced. */
  previousUserId: string | undefined;
}

interface LocalEntry {
  expiresAt: number;
  touchedEventAt: number;
}

export class SessionCore {
  readonly metrics = new SessionMetrics();
  readonly filter: CreationFilter;
  private readonly reporter: EventReporter | undefined;
  /** Sessions created or last used here: this instance's `activeSessions`. */
  private readonly local = new Map<string, LocalEntry>();
  private readonly index: IndexBuffer;
  private readonly timers: NodeJS.Timeout[] = [];
  private closed = false;

  constructor(
    readonly options: ParsedStoreOptions,
    readonly backend: Backend,
  ) {
    this.filter = new CreationFilter(options.filter);
    this.index = new IndexBuffer(backend, options.duplicateLogin === 'allow');
    if (options.collector) {
      this.reporter = new EventReporter({
        collector: options.collector,
        batchSize: options.collectorBatchSize,
        queueLimit: options.collectorQueueLimit,
        flushMs: options.collectorFlushMs,
        timeoutMs: options.collectorTimeoutMs,
      });
    }
    const flush = setInterval(() => void this.flushIndex().catch(() => undefined), options.indexFlushMs);
    const tick = setInterval(() => void this.tick().catch(() => undefined), options.metricsIntervalMs);
    flush.unref();
    tick.unref();
    this.timers.push(flush, tick);
  }

  /** Whether events are sent: adapters skip reading the client address (not free in Express) otherwise. */
  get reportsEvents(): boolean {
    return this.reporter !== undefined;
  }

  /** Whether this request should get a session; counts the ones that should not. */
  shouldCreateSession(req: RequestInfo): boolean {
    if (this.filter.skipReason(req) === undefined) return true;
    this.metrics.inc('sessionsAvoided');
    return false;
  }

  private emit(type: SessionEventType, sessionId: string, extra: Partial<SessionEvent> = {}): void {
    this.reporter?.push({ type, time: Date.now(), instance: this.options.instance, sessionId, ...extra });
  }

  private guard<T>(p: Promise<T>): Promise<T> {
    return p.catch(this.storeFailed);
  }

  /** Counts a store failure and rethrows it as a SessionStoreError; one bound function, not a closure per call. */
  private readonly storeFailed = (err: unknown): never => {
    const e = SessionStoreError.from(err);
    if (e.code === 'unavailable' || e.code === 'not_durable' || e.code === 'internal') this.metrics.inc('storeErrors');
    throw e;
  };

  /** The session object (with its hidden base), an ended-session notice, or null. */
  get(sessionId: string): Promise<SessionData | null> {
    // One reaction on the backend's promise (not an async frame and a guard): every request reads.
    return this.backend.read(sessionId, Date.now()).then(this.sessionOf, this.storeFailed);
  }

  /** A backend's read → what the app gets: the session with its hidden base, an ended-session notice, or null. */
  private readonly sessionOf = (r: ReadResult): SessionData | null => {
    switch (r.kind) {
      case 'found': {
        const d = parseDocument(r.doc);
        const s = d.s;
        s[BASE_FIELD] = new SessionBase(d.v, cookieExpiry(s), r.doc, userIdOf(s[this.options.userField]));
        return s;
      }
      case 'ended':
        // Told once: the app sees why (e.g. logged in elsewhere) and should regenerate the session.
        return {
          cookie: { originalMaxAge: null, path: '/', httpOnly: true },
          [ENDED_FIELD]: { reason: r.reason, at: r.at },
        };
      case 'missing':
        return null;
    }
  };

  /**
   * Replaces the session's document if it is still the version the request read (compare-and-set);
   * applies the duplicate-login policy when the user field changes.
   */
  async set(sessionId: string, session: object, ctx: RequestContext = {}): Promise<void> {
    const now = Date.now();
    const expiresAt = expiryOf(session, now, this.options.defaultTtlSeconds);
    const base = readBase(session);
    const uid = userIdOf((session as Record<string, unknown>)[this.options.userField]);
    // The user this write logs in (a string), out (null), or undefined when it leaves the user as read.
    const userId = uid === base?.uid ? undefined : (uid ?? null);
    // reject-new must know the answer before writing the user field; the other policies always
    // accept, so their index update is sent beside the write, both before either answer is awaited.
    // Under `allow` nothing depends on the index at login time, so it is updated off the request path.
    let login: Promise<LoginResult> | undefined;
    if (userId === null) this.index.dropLogin(sessionId);
    if (userId && this.options.duplicateLogin === 'allow') {
      this.index.noteLogin(sessionId, userId, now, expiresAt);
    } else if (userId) {
      login = this.applyLoginPolicy(sessionId, userId, now, expiresAt);
      if (this.options.duplicateLogin === 'reject-new') await login;
    }
    const writing = this.write(sessionId, session, base, now, expiresAt);
    const result = login ? (await Promise.all([writing, login]))[0] : await writing;
    if (!result) {
      // A slower request finishing after logout: refusing it is what keeps the logout.
      this.metrics.inc('lateWritesRefused');
      this.index.dropLogin(sessionId);
      return;
    }
    if (result.interleaved) {
      // The object lacks what the other write stored: its base stays the one it read, so saving it
      // again merges again instead of overwriting.
      this.metrics.inc('interleavedWrites');
    } else {
      const b = new SessionBase(result.version, expiresAt, result.doc, uid);
      (session as Record<string, unknown>)[BASE_FIELD] = b;
    }
    this.noteActive(sessionId, expiresAt, result.created ? now : 0, now);
    if (result.created) this.metrics.recordCreated(now);
    if (this.reporter) {
      const ttlSeconds = Math.round((expiresAt - now) / 1000);
      if (result.created) this.emit('created', sessionId, { ttlSeconds, ...ctx });
      if (userId && userId !== result.previousUserId) this.emit('login', sessionId, { userId, ttlSeconds, ...ctx });
    }
    if (result.previousUserId && userId !== undefined && userId !== result.previousUserId) {
      await this.guard(this.backend.unindexUser(result.previousUserId, sessionId));
    }
  }

  /**
   * The compare-and-set loop: writes the session as the next version of the document it was read
   * from; when another write came first, merges this request's changed fields into the stored session
   * and tries again on that version. Undefined when the session has ended (the write is refused).
   */
  private async write(
    sessionId: string,
    session: object,
    base: SessionBase | undefined,
    now: number,
    expiresAt: number,
  ): Promise<Written | undefined> {
    let json = sessionJson(session);
    let version = base?.v ?? 0;
    let keepTtl = base !== undefined && base.e === expiresAt;
    let previousUserId = base?.uid;
    let interleaved = false;
    let baseData: SessionData | undefined;
    for (let attempt = 1; ; attempt++) {
      const doc = encodeDocument(version + 1, json);
      const r = await this.guard(this.backend.write(sessionId, { now, baseVersion: version, doc, expiresAt, keepTtl }));
      if (r.status === 'ok') {
        return { version: version + 1, doc, created: version === 0, interleaved, previousUserId };
      }
      if (r.status === 'ended') return undefined;
      if (attempt >= MAX_WRITE_ATTEMPTS) {
        throw new SessionStoreError('internal', `session write kept meeting newer versions (${attempt} attempts)`);
      }
      if (r.status === 'missing') {
        // The session expired after this request read it: written again whole, as a new session.
        json = sessionJson(session);
        version = 0;
        keepTtl = false;
        previousUserId = undefined;
        continue;
      }
      const theirs = parseDocument(r.doc);
      baseData ??= base ? parseDocument(base.doc).s : {};
      json = JSON.stringify(mergeSession(baseData, session, theirs.s));
      interleaved = true;
      version = theirs.v;
      keepTtl = cookieExpiry(theirs.s) === expiresAt;
      previousUserId = userIdOf(theirs.s[this.options.userField]);
    }
  }

  /**
   * Records a login explicitly (before the user field is written), so `reject-new` can be answered
   * before the app responds. Idempotent: a later `set` with the same user is not a second login.
   */
  async login(
    sessionId: string,
    userId: string,
    expiresAt = Date.now() + this.options.defaultTtlSeconds * 1000,
  ): Promise<LoginResult> {
    return this.applyLoginPolicy(sessionId, userId, Date.now(), expiresAt);
  }

  private async applyLoginPolicy(
    sessionId: string,
    userId: string,
    now: number,
    expiresAt: number,
  ): Promise<LoginResult> {
    const r = await this.guard(
      this.backend.login(
        userId,
        sessionId,
        now,
        expiresAt,
        this.options.duplicateLogin,
        this.options.maxSessionsPerUser,
      ),
    );
    if (!r.accepted) {
      this.metrics.inc('rejectedSessions');
      throw new SessionStoreError(
        'login_rejected',
        `user is already logged in (${this.options.maxSessionsPerUser} session(s) allowed)`,
      );
    }
    for (const sid of r.evicted) {
      await this.end(sid, 'duplicate-login');
      this.metrics.inc('duplicateLoginsEnded');
    }
    return r;
  }

  touch(sessionId: string, session: object, ctx: RequestContext = {}): Promise<void> {
    const now = Date.now();
    const expiresAt = expiryOf(session, now, this.options.defaultTtlSeconds);
    return this.backend.touch(sessionId, now, expiresAt).then((existed) => {
      if (existed) this.touched(sessionId, session, ctx, now, expiresAt);
    }, this.storeFailed);
  }

  /** Index and event bookkeeping after a touch that found its session. */
  private touched(sessionId: string, session: object, ctx: RequestContext, now: number, expiresAt: number): void {
    const userId = userIdOf((session as Record<string, unknown>)[this.options.userField]);
    this.noteActive(sessionId, expiresAt, 0, now);
    if (userId) this.index.noteUserActivity(sessionId, userId, expiresAt, now);
    if (!this.reporter) return;
    const entry = this.local.get(sessionId);
    if (entry && now - entry.touchedEventAt >= this.options.touchEventIntervalSeconds * 1000) {
      entry.touchedEventAt = now;
      this.emit('touched', sessionId, { userId, ttlSeconds: Math.round((expiresAt - now) / 1000), ...ctx });
    }
  }

  /** Ends a session (logout by default) and leaves a tombstone so late writes cannot revive it. */
  async end(sessionId: string, reason: EndReason = 'logout'): Promise<void> {
    const now = Date.now();
    const r = await this.guard(this.backend.end(sessionId, now, reason, this.options.tombstoneSeconds * 1000));
    const createdAt = r.createdAt || this.index.pendingCreatedAt(sessionId);
    this.local.delete(sessionId);
    this.index.noteEnded(sessionId);
    if (!r.existed) return;
    const userId = r.doc ? userIdOf(parseDocument(r.doc).s[this.options.userField]) : r.userId;
    this.metrics.inc('destroyedSessions');
    if (createdAt) this.metrics.recordEnded(createdAt, now);
    if (userId) await this.guard(this.backend.unindexUser(userId, sessionId));
    this.emit('destroyed', sessionId, { userId });
  }

  /** A user's live sessions, each with its expiry as stored (the index's score may run ahead of it under `allow`). */
  async userSessions(userId: string): Promise<UserSessionEntry[]> {
    await this.flushIndex();
    const now = Date.now();
    const listed = await this.guard(this.backend.userSessions(userId, now));
    if (listed.length === 0) return listed;
    const until = await this.guard(this.backend.sessionExpiries(listed.map((e) => e.sessionId)));
    const out: UserSessionEntry[] = [];
    listed.forEach((e, i) => {
      if (until[i] > now) out.push({ ...e, expiresAt: until[i] });
    });
    return out;
  }

  /** Ends every session of a user (e.g. password change); returns how many were ended. */
  async endUserSessions(userId: string, reason: EndReason = 'admin'): Promise<number> {
    const list = await this.userSessions(userId);
    for (const s of list) await this.end(s.sessionId, reason);
    return list.length;
  }

  async activeCount(): Promise<number> {
    await this.flushIndex();
    return this.guard(this.backend.countActive(Date.now()));
  }

  async activeSessionIds(limit = 10_000): Promise<string[]> {
    await this.flushIndex();
    return this.guard(this.backend.activeIds(Date.now(), limit));
  }

  private noteActive(sessionId: string, expiresAt: number, createdAt: number, now: number): void {
    const e = this.local.get(sessionId);
    if (e) e.expiresAt = expiresAt;
    else this.local.set(sessionId, { expiresAt, touchedEventAt: now });
    this.metrics.observeActive(this.local.size);
    this.index.noteActive(sessionId, expiresAt, createdAt, now);
  }

  /** Pushes buffered index updates (active set, user-index expiries) to the backend, off the request path. */
  async flushIndex(): Promise<void> {
    await this.index.flush();
  }

  /** Periodic work: detect expiries, sample memory, publish metrics, report the active-sessions gauge. */
  async tick(): Promise<SessionMetricsSnapshot> {
    const now = Date.now();
    for (const [sid, e] of this.local) if (e.expiresAt <= now) this.local.delete(sid);
    await this.flushIndex();
    // The grace covers index updates still buffered on other instances.
    const due = await this.backend.popExpired(now - this.options.indexFlushMs * 4, 1000);
    // The index lags the sessions' expiries by up to a slack (index-buffer.ts): a session still live is
    // put back with its real expiry instead of being reported.
    const until = due.length > 0 ? await this.backend.sessionExpiries(due.map((e) => e.sessionId)) : [];
    const live: ActiveEntry[] = [];
    due.forEach((e, i) => {
      if (until[i] > now) {
        live.push({ sessionId: e.sessionId, expiresAt: until[i], createdAt: e.createdAt });
        return;
      }
      this.metrics.inc('expiredSessions');
      this.metrics.recordEnded(e.createdAt, now);
      this.emit('expired', e.sessionId);
    });
    if (live.length > 0) await this.backend.trackActive(live);
    const sample = [...this.local.keys()].slice(-20);
    if (sample.length) {
      const bytes = (await this.backend.memoryUsage(sample)).filter((b) => b > 0);
      if (bytes.length) this.metrics.memoryPerSession = bytes.reduce((a, b) => a + b, 0) / bytes.length;
    }
    const snap = this.snapshot(now);
    await this.backend.publishMetrics(this.options.instance, JSON.stringify(snap), this.options.metricsIntervalMs * 3);
    this.reporter?.pushGauge({
      time: now,
      instance: this.options.instance,
      metric: 'sessions',
      value: snap.activeSessions,
    });
    return snap;
  }

  snapshot(now = Date.now()): SessionMetricsSnapshot {
    const ev = this.reporter?.stats() ?? { eventsSent: 0, eventsDropped: 0 };
    const retries = 'retries' in this.backend ? Number((this.backend as { retries: number }).retries) : 0;
    return this.metrics.snapshot(this.options.instance, now, this.local.size, {
      storeRetries: retries,
      eventsSent: ev.eventsSent,
      eventsDropped: ev.eventsDropped,
    });
  }

  /** Totals over every instance that published within three metric intervals. */
  async totalSnapshot(): Promise<SessionMetricsSnapshot> {
    const now = Date.now();
    const raw = await this.guard(this.backend.readMetrics());
    const snaps: SessionMetricsSnapshot[] = [];
    for (const [instance, json] of Object.entries(raw)) {
      if (instance === this.options.instance) continue;
      const s = JSON.parse(json) as SessionMetricsSnapshot;
      if (now - s.time <= this.options.metricsIntervalMs * 3) snaps.push(s);
    }
    snaps.push(this.snapshot(now));
    return totalOf(snaps, await this.activeCount(), now);
  }

  async metricsText(): Promise<string> {
    const mine = this.snapshot();
    return prometheusText([mine, await this.totalSnapshot()]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await this.flushIndex().catch(() => undefined);
    await this.reporter?.close();
    await this.backend.close();
  }
}

/** The user id a session's user field holds; undefined when none. */
function userIdOf(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  return undefined;
}
