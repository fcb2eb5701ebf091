/**
 * The application server's session table as the simulator sees it: one session per client, sticky
 * to an instance, expired after the idle timeout (so a returning user logs in again with a new
 * session id), destroyed on logout. Emits the SessionEvents a session store would publish and
 * counts active sessions per instance.
 */
import type { SessionEvent } from '../model/telemetry.js';
import type { Rng } from './prng.js';

export interface SimSession {
  sessionId: string;
  instance: string;
  lastSeen: number;
  userId?: string;
  clientIp: string;
  userAgent: string;
  createdAt: number;
}

export interface TouchResult {
  session: SimSession;
  /** True when the session was created by this request (first visit, or the old one expired). */
  created: boolean;
}

export class SessionTracker {
  private readonly sessions = new Map<string, SimSession>();
  private readonly active = new Map<string, number>();

  constructor(
    private readonly timeoutMs: number,
    private readonly emit: (event: SessionEvent) => void,
  ) {}

  /** Active sessions on each instance right now. */
  activeOn(instance: string): number {
    return this.active.get(instance) ?? 0;
  }

  get(clientKey: string): SimSession | undefined {
    return this.sessions.get(clientKey);
  }

  /**
   * A request from `clientKey` at t: reuses its live session or creates one on `pickInstance()`.
   * A session idle longer than the timeout is expired first (the store would have done it already).
   */
  touch(
    clientKey: string,
    t: number,
    rng: Rng,
    client: { clientIp: string; userAgent: string; userId?: string },
    pickInstance: () => string,
  ): TouchResult {
    const existing = this.sessions.get(clientKey);
    if (existing && t - existing.lastSeen <= this.timeoutMs) {
      existing.lastSeen = t;
      existing.clientIp = client.clientIp;
      return { session: existing, created: false };
    }
    if (existing) this.expire(clientKey, existing);
    const instance = pickInstance();
    const session: SimSession = {
      sessionId: `${rng.hex(32).toUpperCase()}.${instance}`,
      instance,
      lastSeen: t,
      clientIp: client.clientIp,
      userAgent: client.userAgent,
      createdAt: t,
      ...(client.userId === undefined ? {} : { userId: client.userId }),
    };
    this.sessions.set(clientKey, session);
    this.active.set(instance, this.activeOn(instance) + 1);
    this.emit({
      type: 'created',
      time: t,
      instance,
      sessionId: session.sessionId,
      clientIp: client.clientIp,
      userAgent: client.userAgent,
      ttlSeconds: this.timeoutMs / 1000,
    });
    return { session, created: true };
  }

  /** The user authenticated on this session. */
  login(session: SimSession, userId: string, t: number): void {
    session.userId = userId;
    this.emit({
      type: 'login',
      time: t,
      instance: session.instance,
      sessionId: session.sessionId,
      userId,
      clientIp: session.clientIp,
    });
  }

  /** Logout: the app invalidates the session. */
  destroy(clientKey: string, t: number): void {
    const s = this.sessions.get(clientKey);
    if (!s) return;
    this.sessions.delete(clientKey);
    this.active.set(s.instance, this.activeOn(s.instance) - 1);
    this.emit({
      type: 'destroyed',
      time: t,
      instance: s.instance,
      sessionId: s.sessionId,
      ...(s.userId ? { userId: s.userId } : {}),
    });
  }

  /** Expires every session idle for longer than the timeout at t (the store's reaper). */
  sweep(t: number): void {
    for (const [key, s] of this.sessions) {
      if (t - s.lastSeen > this.timeoutMs) this.expire(key, s);
    }
  }

  private expire(key: string, s: SimSession): void {
    this.sessions.delete(key);
    this.active.set(s.instance, this.activeOn(s.instance) - 1);
    this.emit({
      type: 'expired',
      time: s.lastSeen + this.timeoutMs,
      instance: s.instance,
      sessionId: s.sessionId,
      ...(s.userId ? { userId: s.userId } : {}),
    });
  }
}
