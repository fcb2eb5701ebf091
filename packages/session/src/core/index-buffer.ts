/**
 * Index updates kept off the request path: the shared active-session index (for totals, `length`,
 * `all` and expiry events), user-index expiries after touches, and user-index entries for logins
 * under `allow`. Coalesced per session and written every `indexFlushMs`.
 */
import type { ActiveEntry, Backend } from '../backend/backend.js';

/** How far an index may lag a session's expiry: a tenth of the remaining lifetime, at least a minute. */
function slackOf(expiresAt: number, now: number): number {
  return Math.max(60_000, (expiresAt - now) / 10);
}

export class IndexBuffer {
  private active = new Map<string, ActiveEntry>();
  private untrack = new Set<string>();
  private userRefresh = new Map<string, { userId: string; expiresAt: number }>();
  private logins = new Map<string, { userId: string; now: number; expiresAt: number }>();
  /**
   * How far this instance last extended each user's index keys. They are extended past the session's
   * expiry by a slack (a tenth of the remaining lifetime, at least a minute), so most touches move
   * only the session's score: one command instead of three. Keys outliving their last session by the
   * slack cost nothing but that memory; entries are filtered by score.
   */
  private readonly keysUntil = new Map<string, number>();
  /**
   * The expiry this instance last sent to the active index, per session. Every request moves its
   * session's expiry (express-session resets the cookie's maxAge), but the index is told only when the
   * expiry moved past the one indexed by the same slack, so most updates and touches send nothing. An
   * index entry can then fall due before its session does: the expiry scan checks the session before
   * reporting it and puts a live one back with its real expiry (session-core.ts, `tick`).
   */
  private readonly indexed = new Map<string, number>();
  /**
   * Under `allow` (`loose`), the score this instance last gave each session in its user's index.
   * Nothing is decided from that index under `allow` (it lists a user's sessions, and the listing checks
   * each one), so a touch sets the score the same slack above the session's expiry and later touches
   * send nothing until the expiry passes it. Under the two other policies logins are decided from the
   * scores, so they follow the session's expiry exactly.
   */
  private readonly userIndexed = new Map<string, number>();

  constructor(
    private readonly backend: Backend,
    private readonly loose: boolean,
  ) {}

  /**
   * The session is live until `expiresAt`; `createdAt` 0 when unknown (a touch or update: the instance
   * that created the session recorded it), so only creations write a creation time.
   */
  noteActive(sessionId: string, expiresAt: number, createdAt: number, now: number): void {
    if (createdAt === 0) {
      const at = this.indexed.get(sessionId);
      if (at !== undefined && at <= expiresAt && expiresAt - at <= slackOf(expiresAt, now)) return;
    }
    if (this.untrack.size > 0) this.untrack.delete(sessionId);
    const prev = this.active.get(sessionId);
    if (prev) {
      prev.expiresAt = expiresAt;
      if (createdAt) prev.createdAt = createdAt;
    } else this.active.set(sessionId, { sessionId, expiresAt, createdAt });
  }

  /** The creation time of a session created here whose index entry is not sent yet; 0 otherwise. */
  pendingCreatedAt(sessionId: string): number {
    return this.active.get(sessionId)?.createdAt ?? 0;
  }

  noteLogin(sessionId: string, userId: string, now: number, expiresAt: number): void {
    this.logins.set(sessionId, { userId, now, expiresAt });
  }

  dropLogin(sessionId: string): void {
    this.logins.delete(sessionId);
    this.userIndexed.delete(sessionId);
  }

  noteUserActivity(sessionId: string, userId: string, expiresAt: number, now: number): void {
    let score = expiresAt;
    if (this.loose) {
      const at = this.userIndexed.get(sessionId);
      if (at !== undefined && expiresAt <= at) return;
      score = Math.round(expiresAt + slackOf(expiresAt, now));
    }
    this.userRefresh.set(sessionId, { userId, expiresAt: score });
  }

  noteEnded(sessionId: string): void {
    this.active.delete(sessionId);
    this.logins.delete(sessionId);
    this.userRefresh.delete(sessionId);
    this.untrack.add(sessionId);
    this.indexed.delete(sessionId);
    this.userIndexed.delete(sessionId);
  }

  private keysExtension(userId: string, expiresAt: number, now: number): number {
    if (expiresAt <= (this.keysUntil.get(userId) ?? 0)) return 0;
    const until = Math.round(expiresAt + slackOf(expiresAt, now));
    this.keysUntil.set(userId, until);
    return until;
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
    const now = Date.now();
    for (const [uid, until] of this.keysUntil) if (until <= now) this.keysUntil.delete(uid);
    for (const [sid, at] of this.indexed) if (at <= now) this.indexed.delete(sid);
    for (const e of active) this.indexed.set(e.sessionId, e.expiresAt);
    if (this.loose) {
      for (const [sid, at] of this.userIndexed) if (at <= now) this.userIndexed.delete(sid);
      for (const [sid, l] of logins) this.userIndexed.set(sid, l.expiresAt);
      for (const [sid, u] of users) this.userIndexed.set(sid, u.expiresAt);
    }
    // One command per login and per refreshed session, leaving in one network write.
    await this.backend.batch(() =>
      Promise.all([
        this.backend.trackActive(active),
        this.backend.untrackActive(untrack),
        ...logins.map(([sid, l]) => this.backend.login(l.userId, sid, l.now, l.expiresAt, 'allow', 1, true)),
        ...users.map(([sid, u]) =>
          this.backend.refreshUserIndex(u.userId, sid, u.expiresAt, this.keysExtension(u.userId, u.expiresAt, now)),
        ),
      ]),
    );
  }
}
