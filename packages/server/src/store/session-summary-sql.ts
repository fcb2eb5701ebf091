/**
 * The SQL behind `Store.querySessions`: sessions assembled from session events and from transactions
 * carrying a session id (applications without the session library still have sessions), joined on
 * the id. A session is `ended` once a destroyed/expired event was seen, `idle` when last seen before
 * `activeSince`, else `active`.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { SessionQuery, SessionSummary } from './store.js';

const ACTIVE_DEFAULT_MS = 300_000;

export function sessionSummariesSql(q: SessionQuery, limit: number): { sql: string; params: DuckDBValue[] } {
  const params: DuckDBValue[] = [q.from, q.to, q.activeSince ?? q.to - ACTIVE_DEFAULT_MS];
  const txConds = ['session_id IS NOT NULL', 'time_ms >= $1', 'time_ms < $2'];
  const evConds = ['time_ms >= $1', 'time_ms < $2'];
  if (q.instance !== undefined) {
    params.push(q.instance);
    txConds.push(`instance = $${params.length}`);
    evConds.push(`instance = $${params.length}`);
  }
  const outer: string[] = [];
  if (q.userId !== undefined) {
    params.push(q.userId);
    outer.push(`user_id = $${params.length}`);
  }
  if (q.activeOnly === true) outer.push(`state = 'active'`);
  const sql = `
    WITH tx AS (
      SELECT session_id, any_value(instance) AS instance, max(user_id) AS user_id, any_value(client_ip) AS client_ip,
             any_value(user_agent) AS user_agent, min(time_ms) AS first_ms, max(time_ms) AS last_ms, count(*) AS n
      FROM transactions WHERE ${txConds.join(' AND ')} GROUP BY session_id),
    ev AS (
      SELECT session_id, any_value(instance) AS instance, max(user_id) AS user_id, any_value(client_ip) AS client_ip,
             any_value(user_agent) AS user_agent, min(time_ms) AS first_ms, max(time_ms) AS last_ms,
             bool_or(type IN ('destroyed', 'expired')) AS ended
      FROM session_events WHERE ${evConds.join(' AND ')} GROUP BY session_id),
    joined AS (
      SELECT coalesce(ev.session_id, tx.session_id) AS session_id, coalesce(ev.instance, tx.instance) AS instance,
             coalesce(ev.user_id, tx.user_id) AS user_id, coalesce(ev.client_ip, tx.client_ip) AS client_ip,
             coalesce(ev.user_agent, tx.user_agent) AS user_agent,
             least(coalesce(ev.first_ms, tx.first_ms), coalesce(tx.first_ms, ev.first_ms))::DOUBLE AS first_ms,
             greatest(coalesce(ev.last_ms, tx.last_ms), coalesce(tx.last_ms, ev.last_ms))::DOUBLE AS last_ms,
             coalesce(tx.n, 0)::DOUBLE AS n,
             CASE WHEN coalesce(ev.ended, false) THEN 'ended'
                  WHEN greatest(coalesce(ev.last_ms, tx.last_ms), coalesce(tx.last_ms, ev.last_ms)) >= $3 THEN 'active'
                  ELSE 'idle' END AS state
      FROM ev FULL OUTER JOIN tx ON ev.session_id = tx.session_id)
    SELECT * FROM joined ${outer.length > 0 ? `WHERE ${outer.join(' AND ')}` : ''}
    ORDER BY last_ms DESC LIMIT ${limit}`;
  return { sql, params };
}

export function sessionSummaryFromJs(r: Record<string, unknown>): SessionSummary {
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    sessionId: String(r.session_id),
    instance: String(r.instance),
    userId: str(r.user_id),
    clientIp: str(r.client_ip),
    userAgent: str(r.user_agent),
    firstSeen: Number(r.first_ms),
    lastSeen: Number(r.last_ms),
    transactions: Number(r.n),
    state: r.state === 'ended' ? 'ended' : r.state === 'active' ? 'active' : 'idle',
  };
}
