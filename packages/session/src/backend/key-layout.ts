/**
 * Redis key names. Documented (README "Key layout") so apps in other runtimes can share sessions.
 * Every key of one session carries the hash tag `{<sid>}` and every key of one user `{u:<uid>}`, so
 * each Lua script touches keys of one Cluster slot only.
 */

export interface KeyLayout {
  /**
   * STRING: the session's JSON document `{"v":<version>,"c":<created>,"e":<expiry>,"s":<session>}`, or
   * its tombstone `{"v":-1|-2,"x":<reason>,"at":<ms>}` (session-record.ts). Sessions stored before
   * 2026-11-26 are a HASH here until their next write (legacy-layout.ts).
   */
  session(sessionId: string): string;
  /** STRING: a tombstone of the layout before 2026-11-25; only read. */
  ended(sessionId: string): string;
  /** ZSET: session id → expiry (epoch ms) of each session the user is logged in with. */
  userIndex(userId: string): string;
  /** HASH: session id → login time (epoch ms), beside the user index. */
  userLogins(userId: string): string;
  /** ZSET: session id → expiry (epoch ms) of every active session, for totals and expiry events. */
  active(): string;
  /** HASH: session id → creation time (epoch ms), beside the active set. */
  activeCreated(): string;
  /** HASH: instance → JSON metrics snapshot with `time`. */
  metrics(): string;
}

export function keyLayout(prefix: string): KeyLayout {
  return {
    session: (sid) => `${prefix}{${sid}}`,
    ended: (sid) => `${prefix}{${sid}}:ended`,
    userIndex: (uid) => `${prefix}user:{u:${uid}}`,
    userLogins: (uid) => `${prefix}user:{u:${uid}}:logins`,
    active: () => `${prefix}{_active}`,
    activeCreated: () => `${prefix}{_active}:created`,
    metrics: () => `${prefix}{_metrics}`,
  };
}
