/**
 * Very long sessions (`users.long_sessions`): sessions still active at the end of the range (seen
 * within the active window, not destroyed or expired) that have been open for at least `minDurationMs`.
 * A person's working session rarely outlives the idle timeout by hours; a page polling in the
 * background, a shared kiosk or a stolen cookie does.
 */
import type { SessionEvent } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import type { SessionSummary } from '../../store/store.js';
import { HOUR_MS, MINUTE_MS } from '../series/series.js';
import { MAX_FINDING_ROWS, type SecurityFinding } from './security-finding.js';

export interface LongSessionOptions {
  /** The instant judged ("now"); sessions must have been seen within the active window before it. */
  at: number;
  /**
   * Open at least this long; default 3 h (on the simulated shop with a 30 min idle timeout, ordinary
   * returning users' sessions reach about 2 h).
   */
  minDurationMs?: number;
  /** Last seen at or after `at − activeWindowMs` counts as still active; default 5 min. */
  activeWindowMs?: number;
}

/**
 * Session summaries from raw rows (the store's `querySessions` gives the same shape from the database):
 * first and last sighting from events and transactions carrying the id, ended on destroyed/expired.
 */
export function summarizeSessions(
  txs: readonly Transaction[],
  events: readonly SessionEvent[],
  activeSince: number,
): SessionSummary[] {
  const byId = new Map<string, SessionSummary>();
  const touch = (id: string, instance: string, time: number, extra: Partial<SessionSummary>): SessionSummary => {
    let s = byId.get(id);
    if (!s) {
      s = {
        sessionId: id,
        instance,
        userId: null,
        clientIp: null,
        userAgent: null,
        firstSeen: time,
        lastSeen: time,
        transactions: 0,
        state: 'active',
      };
      byId.set(id, s);
    }
    s.firstSeen = Math.min(s.firstSeen, time);
    s.lastSeen = Math.max(s.lastSeen, time);
    if (extra.userId) s.userId = extra.userId;
    if (extra.clientIp && !s.clientIp) s.clientIp = extra.clientIp;
    if (extra.userAgent && !s.userAgent) s.userAgent = extra.userAgent;
    return s;
  };
  for (const e of events) {
    const s = touch(e.sessionId, e.instance, e.time, {
      userId: e.userId ?? null,
      clientIp: e.clientIp ?? null,
      userAgent: e.userAgent ?? null,
    });
    if (e.type === 'destroyed' || e.type === 'expired') s.state = 'ended';
  }
  for (const tx of txs) {
    if (!tx.sessionId) continue;
    const s = touch(tx.sessionId, tx.instance, tx.time, {
      userId: tx.userId ?? null,
      clientIp: tx.clientIp,
      userAgent: tx.userAgent ?? null,
    });
    s.transactions++;
  }
  for (const s of byId.values()) if (s.state !== 'ended' && s.lastSeen < activeSince) s.state = 'idle';
  return [...byId.values()];
}

export function findLongSessions(
  sessions: readonly SessionSummary[],
  options: LongSessionOptions,
  transactions: readonly Transaction[] = [],
): SecurityFinding[] {
  const minDuration = options.minDurationMs ?? 3 * HOUR_MS;
  const activeSince = options.at - (options.activeWindowMs ?? 5 * MINUTE_MS);
  const long = sessions.filter(
    (s) => s.state !== 'ended' && s.lastSeen >= activeSince && s.lastSeen - s.firstSeen >= minDuration,
  );
  const wanted = new Set(long.map((s) => s.sessionId));
  const rowsById = new Map<string, Transaction[]>();
  for (const tx of transactions) {
    if (!tx.sessionId || !wanted.has(tx.sessionId)) continue;
    let list = rowsById.get(tx.sessionId);
    if (!list) rowsById.set(tx.sessionId, (list = []));
    list.push(tx);
  }
  return long
    .map((s): SecurityFinding => {
      const rows = (rowsById.get(s.sessionId) ?? []).sort((a, b) => a.time - b.time);
      const hours = (s.lastSeen - s.firstSeen) / HOUR_MS;
      return {
        rule: 'long_session',
        subject: { kind: 'session', value: s.sessionId },
        summary: `session of ${s.userId ?? s.clientIp ?? 'an anonymous visitor'} on ${s.instance} open ${hours.toFixed(1)} h and still active`,
        threshold: minDuration / HOUR_MS,
        observed: hours,
        unit: 'hours open',
        range: { from: s.firstSeen, to: s.lastSeen + 1 },
        // The latest rows show what keeps it alive (e.g. a poll every minute).
        rows: rows.slice(-MAX_FINDING_ROWS),
        rowCount: rows.length || s.transactions,
        details: {
          instance: s.instance,
          userId: s.userId ?? '',
          clientIp: s.clientIp ?? '',
          transactions: s.transactions,
          routes: [...new Set(rows.map((t) => t.route))].slice(0, 10),
        },
      };
    })
    .sort((a, b) => b.observed - a.observed);
}
