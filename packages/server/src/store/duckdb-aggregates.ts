/**
 * The DuckDB implementation of `TransactionAggregates`: each rule is a GROUP BY over the range with a
 * HAVING on its threshold, then the flagged groups' first rows (window `row_number`, LIMIT per group)
 * and their distinct values in order of first sighting. Read-only; runs on the store's read connection.
 * Patterns are inlined as SQL string literals (they come from code or config, never from a request) so
 * DuckDB compiles each regular expression once.
 */
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { Transaction } from '../model/transaction.js';
import { DuckDbRcaAggregates, type SelectRows } from './duckdb-rca-aggregates.js';
import { TRANSACTION_SELECT, transactionFromJs } from './raw-codec.js';
import type { TimeRange } from './store.js';
import type {
  IpUrlGroup,
  LoginBurstGroup,
  PatternSpec,
  RateOutlierGroup,
  TransactionAggregates,
  UnknownPathGroup,
  UserIpGroup,
} from './transaction-aggregates.js';

export type { SelectRows };

/** Evidence rows kept per group (the analyses show at most 20). */
const SAMPLE_ROWS = 20;
const MINUTE_MS = 60_000;

const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;
const matches = (expr: string, p: PatternSpec): string =>
  `regexp_matches(${expr}, ${literal(p.source)}${p.ignoreCase ? ", 'i'" : ''})`;
const inRange = (r: TimeRange): string => `time_ms >= ${Math.trunc(r.from)} AND time_ms < ${Math.trunc(r.to)}`;
const pathOf = "split_part(url, '?', 1)";
// User-agent patterns run once per distinct value (`GROUP BY v HAVING matches(min(v))`), not once per
// row: a day holds a handful of user agents. A plain WHERE on the grouped value, even over a
// materialised DISTINCT, is pushed below the grouping by DuckDB and runs per row again.

/** The security rules here; the root-cause reads are inherited from `DuckDbRcaAggregates`. */
export class DuckDbAggregates extends DuckDbRcaAggregates implements TransactionAggregates {
  async countTransactions(range: TimeRange): Promise<{ rows: number; first: number | null; last: number | null }> {
    const [r] = await this.select(
      `SELECT count(*)::DOUBLE AS n, min(time_ms)::DOUBLE AS first, max(time_ms)::DOUBLE AS last FROM transactions WHERE ${inRange(range)}`,
      [],
      range,
    );
    return { rows: Number(r?.n ?? 0), first: numOrNull(r?.first), last: numOrNull(r?.last) };
  }

  async loginBursts(range: TimeRange, loginRoute: PatternSpec, perMinute: number): Promise<LoginBurstGroup[]> {
    const failed = `SELECT *, client_ip AS grp FROM transactions WHERE ${inRange(range)} AND status IN (401, 403)
      AND ${matches("CASE WHEN route IS NULL OR route = '' THEN url ELSE route END", loginRoute)}`;
    const flagged = `WITH f AS (${failed}),
      m AS (SELECT grp, time_ms // ${MINUTE_MS} AS minute, count(*) AS n FROM f GROUP BY ALL),
      p AS (SELECT grp, max(n) AS peak, count(*) FILTER (WHERE n >= ${perMinute}) AS burst FROM m
            GROUP BY grp HAVING max(n) >= ${perMinute}),
      g AS (SELECT f.* FROM f SEMI JOIN p USING (grp))`;
    const heads = await this.select(
      `${flagged} SELECT p.grp, p.peak::DOUBLE AS peak, p.burst::DOUBLE AS burst, count(*)::DOUBLE AS n,
        count(DISTINCT coalesce(session_id, ''))::DOUBLE AS sessions, min(time_ms) AS first,
        min(time_ms)::DOUBLE AS t0, max(time_ms)::DOUBLE AS t1
        FROM g JOIN p USING (grp) GROUP BY ALL ORDER BY first, p.grp`,
      [],
      range,
    );
    if (heads.length === 0) return [];
    const agents = await this.firstDistinct(flagged, range, "coalesce(user_agent, '')", 5);
    const rows = await this.samples(flagged, range);
    return heads.map((h) => {
      const ip = String(h.grp);
      return {
        clientIp: ip,
        peak: Number(h.peak),
        burstMinutes: Number(h.burst),
        sessions: Number(h.sessions),
        userAgents: agents.get(ip) ?? [],
        rows: rows.get(ip) ?? [],
        rowCount: Number(h.n),
        first: Number(h.t0),
        last: Number(h.t1),
      };
    });
  }

  async usersWithManyIps(range: TimeRange, minIps: number): Promise<UserIpGroup[]> {
    const flagged = `WITH f AS (SELECT *, user_id AS grp FROM transactions WHERE ${inRange(range)}
        AND user_id IS NOT NULL AND user_id <> '' AND client_ip IS NOT NULL AND client_ip <> ''),
      u AS (SELECT grp, count(*) AS n, min(time_ms) AS first FROM f GROUP BY grp HAVING count(DISTINCT client_ip) >= ${minIps}),
      g AS (SELECT f.* FROM f SEMI JOIN u USING (grp) QUALIFY row_number() OVER (PARTITION BY grp, client_ip ORDER BY time_ms) = 1)`;
    const heads = await this.select(
      `${flagged} SELECT grp, any_value(u.n)::DOUBLE AS n, min(g.time_ms)::DOUBLE AS t0, max(g.time_ms)::DOUBLE AS t1
        FROM u JOIN g USING (grp) GROUP BY grp ORDER BY min(u.first), grp`,
      [],
      range,
    );
    if (heads.length === 0) return [];
    const addresses = await this.firstDistinct(flagged, range, 'client_ip');
    const rows = await this.samples(flagged, range);
    return heads.map((h) => ({
      userId: String(h.grp),
      addresses: addresses.get(String(h.grp)) ?? [],
      rows: rows.get(String(h.grp)) ?? [],
      rowCount: Number(h.n),
      first: Number(h.t0),
      last: Number(h.t1),
    }));
  }

  async distinctUrlsMatching(range: TimeRange, pattern: PatternSpec): Promise<string[]> {
    // Per row: URLs are short and nearly as many as the rows, so grouping first costs more than it saves.
    const rows = await this.select(
      `SELECT DISTINCT url FROM transactions WHERE ${inRange(range)} AND ${matches('url', pattern)}`,
      [],
      range,
    );
    return rows.map((r) => String(r.url));
  }

  async groupByIpForUrls(range: TimeRange, urls: readonly string[]): Promise<IpUrlGroup[]> {
    if (urls.length === 0) return [];
    const flagged = `WITH g AS (SELECT *, client_ip AS grp FROM transactions WHERE ${inRange(range)}
      AND list_contains($1::VARCHAR[], url))`;
    return this.ipGroups(flagged, range, 'url', [listValue([...urls])]);
  }

  async groupByIpForUserAgents(range: TimeRange, pattern: PatternSpec): Promise<IpUrlGroup[]> {
    const flagged = `WITH a AS (SELECT min(user_agent) AS ua FROM transactions WHERE ${inRange(range)}
        AND user_agent IS NOT NULL AND user_agent <> '' GROUP BY user_agent HAVING ${matches('min(user_agent)', pattern)}),
      g AS (SELECT *, client_ip AS grp FROM transactions WHERE ${inRange(range)} AND user_agent IN (SELECT ua FROM a))`;
    return this.ipGroups(flagged, range, 'user_agent', []);
  }

  async unknownPathScans(
    range: TimeRange,
    normalFrom: TimeRange,
    minClients: number,
    minPaths: number,
  ): Promise<UnknownPathGroup[]> {
    const read = hull(range, normalFrom);
    // The normal set is only needed for the paths that answered 4xx in the range.
    const flagged = `WITH e AS (SELECT *, client_ip AS grp, ${pathOf} AS path FROM transactions WHERE ${inRange(range)}
        AND status >= 400 AND status < 500),
      normal AS (SELECT ${pathOf} AS path FROM transactions WHERE ${inRange(normalFrom)}
        AND status <> 0 AND status < 400 AND ${pathOf} IN (SELECT path FROM e)
        GROUP BY path HAVING count(DISTINCT client_ip) >= ${minClients}),
      f AS (SELECT * FROM e WHERE path NOT IN (SELECT path FROM normal)),
      s AS (SELECT grp, count(*) AS n, min(time_ms) AS first, max(time_ms) AS last FROM f GROUP BY grp HAVING count(DISTINCT path) >= ${minPaths}),
      g AS (SELECT f.* EXCLUDE (path) FROM f SEMI JOIN s USING (grp))`;
    const heads = await this.select(
      `${flagged} SELECT grp, n::DOUBLE AS n, first::DOUBLE AS t0, last::DOUBLE AS t1 FROM s ORDER BY first, grp`,
      [],
      read,
    );
    if (heads.length === 0) return [];
    const paths = await this.firstDistinct(flagged, read, pathOf);
    const rows = await this.samples(flagged, read);
    return heads.map((h) => ({
      clientIp: String(h.grp),
      paths: paths.get(String(h.grp)) ?? [],
      rows: rows.get(String(h.grp)) ?? [],
      rowCount: Number(h.n),
      first: Number(h.t0),
      last: Number(h.t1),
    }));
  }

  async rowsOfSessions(range: TimeRange, sessionIds: readonly string[]): Promise<Transaction[]> {
    if (sessionIds.length === 0) return [];
    const rows = await this.select(
      `SELECT ${TRANSACTION_SELECT} FROM transactions WHERE ${inRange(range)}
        AND list_contains($1::VARCHAR[], session_id) ORDER BY time_ms`,
      [listValue([...sessionIds])],
      range,
    );
    return rows.map(transactionFromJs);
  }

  async requestRateOutliers(
    range: TimeRange,
    baseline: TimeRange,
    factor: number,
    floor: number,
  ): Promise<RateOutlierGroup[]> {
    const perMinute = (r: TimeRange): string => `SELECT user_id, time_ms // ${MINUTE_MS} * ${MINUTE_MS} AS minute,
      count(*) AS n FROM transactions WHERE ${inRange(r)} AND user_id IS NOT NULL AND user_id <> '' GROUP BY ALL`;
    const read = hull(range, baseline);
    const flagged = `WITH w AS (${perMinute(range)}),
      wp AS (SELECT user_id, n AS peak, minute FROM w QUALIFY row_number() OVER (PARTITION BY user_id ORDER BY n DESC, minute) = 1),
      bp AS (SELECT user_id, max(n) AS norm FROM (${perMinute(baseline)}) GROUP BY user_id),
      o AS (SELECT wp.user_id AS grp, wp.peak, wp.minute, coalesce(bp.norm, 0) AS norm,
              greatest(${floor}, ${factor} * coalesce(bp.norm, 0)) AS threshold
            FROM wp LEFT JOIN bp USING (user_id) WHERE wp.peak >= greatest(${floor}, ${factor} * coalesce(bp.norm, 0))),
      g AS (SELECT t.*, o.grp FROM transactions t JOIN o ON t.user_id = o.grp
            AND t.time_ms >= o.minute AND t.time_ms < o.minute + ${MINUTE_MS} WHERE ${inRange(range)})`;
    const heads = await this.select(
      `${flagged} SELECT o.grp, any_value(peak)::DOUBLE AS peak, any_value(o.minute)::DOUBLE AS minute,
        any_value(norm)::DOUBLE AS norm, any_value(threshold)::DOUBLE AS threshold,
        min(g.time_ms)::DOUBLE AS t0, max(g.time_ms)::DOUBLE AS t1
        FROM o JOIN g USING (grp) GROUP BY o.grp ORDER BY minute, o.grp`,
      [],
      read,
    );
    if (heads.length === 0) return [];
    const rows = await this.samples(flagged, read);
    return heads.map((h) => ({
      userId: String(h.grp),
      peak: Number(h.peak),
      minute: Number(h.minute),
      baselinePeak: Number(h.norm),
      threshold: Number(h.threshold),
      rows: rows.get(String(h.grp)) ?? [],
      // The minute's rows: the peak itself.
      rowCount: Number(h.peak),
      first: Number(h.t0),
      last: Number(h.t1),
    }));
  }

  /**
   * Groups of `g` per address with their distinct `column` values in order of first sighting.
   * `read` covers every transaction the CTEs of `flagged` read, as for the helpers below.
   */
  private async ipGroups(
    flagged: string,
    read: TimeRange,
    column: string,
    params: DuckDBValue[],
  ): Promise<IpUrlGroup[]> {
    const heads = await this.select(
      `${flagged} SELECT grp, count(*)::DOUBLE AS n, min(time_ms) AS first, min(time_ms)::DOUBLE AS t0,
        max(time_ms)::DOUBLE AS t1 FROM g GROUP BY grp ORDER BY first, grp`,
      params,
      read,
    );
    if (heads.length === 0) return [];
    const values = await this.firstDistinct(flagged, read, column, undefined, params);
    const rows = await this.samples(flagged, read, params);
    return heads.map((h) => ({
      clientIp: String(h.grp),
      values: values.get(String(h.grp)) ?? [],
      rows: rows.get(String(h.grp)) ?? [],
      rowCount: Number(h.n),
      first: Number(h.t0),
      last: Number(h.t1),
    }));
  }

  /** The first rows by time of each group of the CTE `g` (a `grp` column names the group). */
  private async samples(
    flagged: string,
    read: TimeRange,
    params: DuckDBValue[] = [],
  ): Promise<Map<string, Transaction[]>> {
    const rows = await this.select(
      `${flagged} SELECT grp, ${TRANSACTION_SELECT} FROM g
        QUALIFY row_number() OVER (PARTITION BY grp ORDER BY time_ms) <= ${SAMPLE_ROWS} ORDER BY grp, time_ms`,
      params,
      read,
    );
    const out = new Map<string, Transaction[]>();
    for (const r of rows) {
      const key = String(r.grp);
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push(transactionFromJs(r));
    }
    return out;
  }

  /** Distinct values of `expr` per group of `g`, in order of first sighting (the first `limit`). */
  private async firstDistinct(
    flagged: string,
    read: TimeRange,
    expr: string,
    limit?: number,
    params: DuckDBValue[] = [],
  ): Promise<Map<string, string[]>> {
    const rows = await this.select(
      `${flagged} SELECT grp, v FROM (SELECT grp, ${expr} AS v, min(time_ms) AS first FROM g GROUP BY ALL)
        ${limit === undefined ? '' : `QUALIFY row_number() OVER (PARTITION BY grp ORDER BY first, v) <= ${limit}`}
        ORDER BY grp, first, v`,
      params,
      read,
    );
    const out = new Map<string, string[]>();
    for (const r of rows) {
      const key = String(r.grp);
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push(String(r.v));
    }
    return out;
  }
}

/** The smallest range holding both. */
function hull(a: TimeRange, b: TimeRange): TimeRange {
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to) };
}

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
