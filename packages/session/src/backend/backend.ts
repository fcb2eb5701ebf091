/**
 * The storage contract the core runs on. Two implementations: in-memory (one node) and Redis
 * (standalone, Sentinel, Cluster). Every method is atomic per session and per user index, which is
 * what makes the concurrency guarantees hold across app servers.
 */
import type { EndReason, ReadResult, SessionWrite, WriteResult } from '../core/session-record.js';

export type DuplicateLoginPolicy = 'allow' | 'expire-oldest' | 'reject-new';

export interface LoginResult {
  accepted: boolean;
  /** Sessions the `expire-oldest` policy ended to make room for this login. */
  evicted: string[];
}

export interface EndedSession {
  existed: boolean;
  /** The ended session's document (its user comes from it). */
  doc?: string;
  /** Creation time, epoch ms, when known (from the active index, or a previous-layout hash). */
  createdAt?: number;
  /** Instead of `doc`, for a session stored in the previous layout (a hash). */
  userId?: string;
}

export interface UserSessionEntry {
  sessionId: string;
  loginAt: number;
  expiresAt: number;
}

export interface ActiveEntry {
  sessionId: string;
  expiresAt: number;
  /** Creation time, epoch ms; 0 when unknown here (a touch or update: the creating instance recorded it). */
  createdAt: number;
}

export interface ExpiredEntry {
  sessionId: string;
  createdAt: number;
}

export interface Backend {
  readonly kind: 'memory' | 'redis';
  read(sessionId: string, now: number): Promise<ReadResult>;
  /** Stores `write.doc` if the stored version is still `write.baseVersion` (0: if there is no session). */
  write(sessionId: string, write: SessionWrite): Promise<WriteResult>;
  /** Extends the expiry; false when the session does not exist (a touch never creates one). */
  touch(sessionId: string, now: number, expiresAt: number): Promise<boolean>;
  /** Replaces the session by a tombstone for `tombstoneMs`. */
  end(sessionId: string, now: number, reason: EndReason, tombstoneMs: number): Promise<EndedSession>;
  /** Applies the duplicate-login policy atomically on the user's index (`background`: index upkeep, no replica wait). */
  login(
    userId: string,
    sessionId: string,
    now: number,
    expiresAt: number,
    policy: DuplicateLoginPolicy,
    maxSessions: number,
    background?: boolean,
  ): Promise<LoginResult>;
  /**
   * Refreshes a member's expiry in the user's index (no-op when absent) and, when `keysUntil` > 0,
   * extends the index keys' TTL to at least `keysUntil`.
   */
  refreshUserIndex(userId: string, sessionId: string, expiresAt: number, keysUntil: number): Promise<void>;
  unindexUser(userId: string, sessionId: string): Promise<void>;
  userSessions(userId: string, now: number): Promise<UserSessionEntry[]>;
  /** Records sessions as active (shared across instances, for totals and expiry detection). */
  trackActive(entries: ActiveEntry[]): Promise<void>;
  untrackActive(sessionIds: string[]): Promise<void>;
  /**
   * Removes and returns sessions whose indexed expiry passed before `before`; each is returned to one
   * caller only. The index may lag a session's real expiry: check with `sessionExpiries`.
   */
  popExpired(before: number, limit: number): Promise<ExpiredEntry[]>;
  countActive(now: number): Promise<number>;
  /** Each session's expiry (epoch ms) as stored; 0 when it has expired or ended. */
  sessionExpiries(sessionIds: string[]): Promise<number[]>;
  activeIds(now: number, limit: number): Promise<string[]>;
  /** Bytes the backend uses for these sessions' keys (sampled by the caller). */
  memoryUsage(sessionIds: string[]): Promise<number[]>;
  publishMetrics(instance: string, snapshotJson: string, ttlMs: number): Promise<void>;
  readMetrics(): Promise<Record<string, string>>;
  /**
   * Runs `send`, which starts several operations without awaiting them, so that their commands leave
   * in as few network writes as the backend can (index upkeep sends one command per session).
   */
  batch<T>(send: () => T): T;
  /** Resolves when the backend can serve commands (connected to a primary). */
  ready(): Promise<void>;
  close(): Promise<void>;
}
