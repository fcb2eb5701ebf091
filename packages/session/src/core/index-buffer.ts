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

  /**
   * The session is live until `expiresAt`; `createdAt` 0 when unknown (a touch or update: the instance
   * that created the session recorded it), so only creations write a creation time.
   */
  noteActive(sessionId: string, expiresAt: number, createdAt: number): void {
    if (this.untrack.size > 0) this.untrack.delete(sessionId);
    const prev = this.active.get(sessionId);
    if (prev) {
      prev.expiresAt = expiresAt;
      if (createdAt) prev.createdAt = createdAt;
    } else this.active.set(sessionId, { sessionId, expiresAt, createdAt });
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
    // One command per login and per refreshed session, leaving in one network write.
    await this.backend.batch(() =>
      Promise.all([
        this.backend.trackActive(active),
        this.backend.untrackActive(untrack),
        ...logins.map(([sid, l]) => this.backend.login(l.userId, sid, l.now, l.expiresAt, 'allow', 1, true)),
        ...users.map(([sid, u]) => this.backend.refreshUserIndex(u.userId, sid, u.expiresAt)),
      ]),
    );
  }
}
