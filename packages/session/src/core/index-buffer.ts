/**
 * Index updates kept off the request path: the shared active-session index (for totals, `length`,
 * `all` and expiry events), user-index expiries after touches, and user-index entries for logins
 * under `allow`. Coalesced per session and written every `indexFlushMs`.
 */
import type { ActiveEntry, Backend } from '../backend/backend.js';

export class IndexBuffer {
  private active = new Map<string, ActiveEntry>();
  private untrack = new Set<string>();
  private userRefresh = new Map<string, { userId: string; expiresAt: number }>();
  private logins = new Map<string, { userId: string; now: number; expiresAt: number }>();

  constructor(private readonly backend: Backend) {}

  /** The session is live until `expiresAt`; `createdAt` 0 when unknown (kept from before). */
  noteActive(sessionId: string, expiresAt: number, createdAt: number, now: number): void {
    this.untrack.delete(sessionId);
    const prev = this.active.get(sessionId);
    this.active.set(sessionId, { sessionId, expiresAt, createdAt: createdAt || prev?.createdAt || now });
  }

  noteLogin(sessionId: string, userId: string, now: number, expiresAt: number): void {
    this.logins.set(sessionId, { userId, now, expiresAt });
  }

  dropLogin(sessionId: string): void {
    this.logins.delete(sessionId);
  }

  noteUserActivity(sessionId: string, userId: string, expiresAt: number): void {
    this.userRefresh.set(sessionId, { userId, expiresAt });
  }

  noteEnded(sessionId: string): void {
    this.active.delete(sessionId);
    this.logins.delete(sessionId);
    this.userRefresh.delete(sessionId);
    this.untrack.add(sessionId);
  }

  async flush(): Promise<void> {
    const active = [...this.active.values()];
    const untrack = [...this.untrack];
    const users = [...this.userRefresh];
    const logins = [...this.logins];
    this.active = new Map();
    this.untrack = new Set();
    this.userRefresh = new Map();
    this.logins = new Map();
    await this.backend.trackActive(active);
    await this.backend.untrackActive(untrack);
    await Promise.all([
      ...logins.map(([sid, l]) => this.backend.login(l.userId, sid, l.now, l.expiresAt, 'allow', 1, true)),
      ...users.map(([sid, u]) => this.backend.refreshUserIndex(u.userId, sid, u.expiresAt)),
    ]);
  }
}
