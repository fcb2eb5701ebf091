/**
 * In-memory backend: the embedded default for one node. Same semantics as the Redis backend (one
 * document per session, compare-and-set on its version, tombstones, per-user index, active set) so
 * tests and single-node apps behave like a cluster would; sessions do not survive the process.
 */
import { versionOf } from '../core/session-record.js';
import type { EndReason, ReadResult, SessionWrite, WriteResult } from '../core/session-record.js';
import type {
  ActiveEntry,
  Backend,
  DuplicateLoginPolicy,
  EndedSession,
  ExpiredEntry,
  LoginResult,
  UserSessionEntry,
} from './backend.js';

interface Tombstone {
  reason: EndReason;
  at: number;
  until: number;
  notified: boolean;
}

/** A session's document (session-record.ts) and when it expires. */
interface Entry {
  doc: string;
  expiresAt: number;
}

export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  private readonly sessions = new Map<string, Entry>();
  private readonly tombstones = new Map<string, Tombstone>();
  private readonly users = new Map<string, Map<string, { loginAt: number; expiresAt: number }>>();
  private readonly active = new Map<string, { expiresAt: number; createdAt: number }>();
  private readonly metrics = new Map<string, { json: string; until: number }>();

  private live(sessionId: string, now: number): Entry | undefined {
    const s = this.sessions.get(sessionId);
    if (s && s.expiresAt <= now) {
      this.sessions.delete(sessionId);
      return undefined;
    }
    return s;
  }

  private tombstone(sessionId: string, now: number): Tombstone | undefined {
    const t = this.tombstones.get(sessionId);
    if (t && t.until <= now) {
      this.tombstones.delete(sessionId);
      return undefined;
    }
    return t;
  }

  async read(sessionId: string, now: number): Promise<ReadResult> {
    const s = this.live(sessionId, now);
    if (s) return { kind: 'found', doc: s.doc };
    const t = this.tombstone(sessionId, now);
    if (t && t.reason !== 'logout' && !t.notified) {
      t.notified = true;
      return { kind: 'ended', reason: t.reason, at: t.at };
    }
    return { kind: 'missing' };
  }

  async write(sessionId: string, w: SessionWrite): Promise<WriteResult> {
    if (this.tombstone(sessionId, w.now)) return { status: 'ended' };
    const existing = this.live(sessionId, w.now);
    if (w.baseVersion === 0 && existing) return { status: 'conflict', doc: existing.doc };
    if (w.baseVersion > 0) {
      if (!existing) return { status: 'missing' };
      if (versionOf(existing.doc) !== w.baseVersion) return { status: 'conflict', doc: existing.doc };
    }
    this.sessions.set(sessionId, { doc: w.doc, expiresAt: w.keepTtl && existing ? existing.expiresAt : w.expiresAt });
    return { status: 'ok' };
  }

  async touch(sessionId: string, now: number, expiresAt: number): Promise<boolean> {
    const s = this.live(sessionId, now);
    if (!s) return false;
    s.expiresAt = expiresAt;
    return true;
  }

  async end(sessionId: string, now: number, reason: EndReason, tombstoneMs: number): Promise<EndedSession> {
    const s = this.live(sessionId, now);
    this.sessions.delete(sessionId);
    this.tombstones.set(sessionId, { reason, at: now, until: now + tombstoneMs, notified: false });
    return s ? { existed: true, doc: s.doc, createdAt: this.active.get(sessionId)?.createdAt } : { existed: false };
  }

  async login(
    userId: string,
    sessionId: string,
    now: number,
    expiresAt: number,
    policy: DuplicateLoginPolicy,
    maxSessions: number,
  ): Promise<LoginResult> {
    const index = this.users.get(userId) ?? new Map<string, { loginAt: number; expiresAt: number }>();
    this.users.set(userId, index);
    for (const [sid, e] of index) if (e.expiresAt <= now) index.delete(sid);
    const mine = index.get(sessionId);
    if (mine) {
      mine.expiresAt = expiresAt;
      return { accepted: true, evicted: [] };
    }
    if (policy === 'reject-new' && index.size >= maxSessions) return { accepted: false, evicted: [] };
    index.set(sessionId, { loginAt: now, expiresAt });
    const evicted: string[] = [];
    if (policy === 'expire-oldest' && index.size > maxSessions) {
      const oldest = [...index.entries()]
        .filter(([sid]) => sid !== sessionId)
        .sort((a, b) => a[1].loginAt - b[1].loginAt)
        .slice(0, index.size - maxSessions);
      for (const [sid] of oldest) {
        index.delete(sid);
        evicted.push(sid);
      }
    }
    return { accepted: true, evicted };
  }

  async refreshUserIndex(userId: string, sessionId: string, expiresAt: number, _keysUntil: number): Promise<void> {
    const e = this.users.get(userId)?.get(sessionId);
    if (e) e.expiresAt = expiresAt;
  }

  async unindexUser(userId: string, sessionId: string): Promise<void> {
    this.users.get(userId)?.delete(sessionId);
  }

  async userSessions(userId: string, now: number): Promise<UserSessionEntry[]> {
    const index = this.users.get(userId);
    if (!index) return [];
    return [...index.entries()]
      .filter(([, e]) => e.expiresAt > now)
      .map(([sessionId, e]) => ({ sessionId, loginAt: e.loginAt, expiresAt: e.expiresAt }))
      .sort((a, b) => a.loginAt - b.loginAt);
  }

  async trackActive(entries: ActiveEntry[]): Promise<void> {
    for (const e of entries) {
      const prev = this.active.get(e.sessionId);
      this.active.set(e.sessionId, { expiresAt: e.expiresAt, createdAt: prev?.createdAt || e.createdAt });
    }
  }

  async untrackActive(sessionIds: string[]): Promise<void> {
    for (const sid of sessionIds) this.active.delete(sid);
  }

  async popExpired(before: number, limit: number): Promise<ExpiredEntry[]> {
    const out: ExpiredEntry[] = [];
    for (const [sessionId, e] of this.active) {
      if (out.length >= limit) break;
      if (e.expiresAt < before) {
        this.active.delete(sessionId);
        out.push({ sessionId, createdAt: e.createdAt });
      }
    }
    return out;
  }

  async countActive(now: number): Promise<number> {
    let n = 0;
    for (const e of this.active.values()) if (e.expiresAt > now) n++;
    return n;
  }

  async sessionExpiries(sessionIds: string[]): Promise<number[]> {
    const now = Date.now();
    return sessionIds.map((sid) => this.live(sid, now)?.expiresAt ?? 0);
  }

  async activeIds(now: number, limit: number): Promise<string[]> {
    const out: string[] = [];
    for (const [sid, e] of this.active) {
      if (out.length >= limit) break;
      if (e.expiresAt > now) out.push(sid);
    }
    return out;
  }

  /** Approximation: UTF-16 string bytes plus a fixed per-entry overhead measured for V8 Maps. */
  async memoryUsage(sessionIds: string[]): Promise<number[]> {
    return sessionIds.map((sid) => {
      const s = this.sessions.get(sid);
      return s ? 160 + (sid.length + s.doc.length) * 2 : 0;
    });
  }

  async publishMetrics(instance: string, snapshotJson: string, ttlMs: number): Promise<void> {
    this.metrics.set(instance, { json: snapshotJson, until: Date.now() + ttlMs });
  }

  async readMetrics(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const now = Date.now();
    for (const [k, v] of this.metrics) if (v.until > now) out[k] = v.json;
    return out;
  }

  async ready(): Promise<void> {}

  batch<T>(send: () => T): T {
    return send();
  }

  async close(): Promise<void> {}
}
