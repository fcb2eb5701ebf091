/**
 * The DuckDB implementation of `RcaAggregates`: a spike's per-route and per-user sums are one
 * GROUP BY GROUPING SETS over the instance's rows (each row's duration clipped to the range it overlaps,
 * as the array ranking does); an OOM is found from the few log records and error rows naming it, then
 * only the rows of its lookback are read. Read-only, on the store's read connection.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { Transaction } from '../model/transaction.js';
import { TRANSACTION_SELECT, logFromJs, transactionFromJs } from './raw-codec.js';
import type {
  GroupSums,
  MetricColumns,
  MetricColumnsQuery,
  OomCandidates,
  OomLookbackQuery,
  RcaAggregates,
  SearchedRows,
  SpikeSums,
  SpikeSumsQuery,
} from './rca-aggregates.js';
import type { TimeRange } from './store.js';

/**
 * Runs a read; `txRange`, when the query reads `transactions`, covers every row it can match, so the
 * store opens only the raw files that meet it.
 */
export type SelectRows = (
  sql: string,
  params: DuckDBValue[],
  txRange?: TimeRange,
) => Promise<Record<string, unknown>[]>;

const int = (n: number): string => String(Math.trunc(n));
const inRange = (r: TimeRange): string => `time_ms >= ${int(r.from)} AND time_ms < ${int(r.to)}`;
/** A row runs over [time, time + duration): it overlaps `r` when it starts before its end and ends after its start. */
const overlapping = (r: TimeRange): string => `(time_ms < ${int(r.to)} AND time_ms + duration_ms > ${int(r.from)})`;
const clipped = (r: TimeRange): string =>
  `greatest(0, least(time_ms + duration_ms, ${int(r.to)}) - greatest(time_ms, ${int(r.from)}))`;
const USER_KEY = "coalesce(user_id, 'ip:' || client_ip)";

export class DuckDbRcaAggregates implements RcaAggregates {
  constructor(protected readonly select: SelectRows) {}

  async metricColumns(q: MetricColumnsQuery): Promise<MetricColumns[]> {
    const params: DuckDBValue[] = [q.metric];
    const byInstance = q.instance === undefined ? '' : `AND instance = $${params.push(q.instance)}`;
    // One row per instance with its samples as lists; the three lists share one total order (time,
    // then value and limit for equal times), so their elements stay aligned.
    const order = 'ORDER BY time_ms, value, "limit"';
    const rows = await this.select(
      `SELECT instance, list(time_ms::DOUBLE ${order}) AS t, list(value ${order}) AS v,
          CASE WHEN count("limit") > 0 THEN list("limit" ${order}) END AS l
        FROM metrics WHERE ${inRange(q)} AND metric = $1 ${byInstance} GROUP BY instance`,
      params,
    );
    return rows.map((r) => ({
      instance: String(r.instance),
      times: Float64Array.from(r.t as number[]),
      // A missing value reads as 0, as `metricFromJs` reads it.
      values: Float64Array.from(r.v as (number | null)[], (v) => Number(v)),
      limits: Array.isArray(r.l)
        ? (r.l as (number | null)[]).map((v) => (typeof v === 'number' ? v : undefined))
        : null,
    }));
  }

  async firstTransactionTime(range: TimeRange, instance: string): Promise<number | null> {
    const [r] = await this.select(
      `SELECT min(time_ms)::DOUBLE AS first FROM transactions WHERE ${inRange(range)} AND instance = $1`,
      [instance],
      range,
    );
    return r?.first === null || r?.first === undefined ? null : Number(r.first);
  }

  async spikeSums(q: SpikeSumsQuery): Promise<SpikeSums> {
    const w = overlapping(q.window);
    const b = overlapping(q.baseline);
    const rows = await this.select(
      `WITH t AS (SELECT route, ${USER_KEY} AS usr, bytes, ${w} AS in_w, ${b} AS in_b,
          CASE WHEN ${w} THEN ${clipped(q.window)} ELSE 0 END AS w_busy,
          CASE WHEN ${b} THEN ${clipped(q.baseline)} ELSE 0 END AS b_busy
        FROM transactions WHERE ${inRange(q.read)} AND instance = $1 AND (${w} OR ${b}))
      SELECT grouping(route)::INTEGER AS by_user, coalesce(route, usr) AS key,
        (count(*) FILTER (WHERE in_w))::DOUBLE AS wn, coalesce(sum(w_busy) FILTER (WHERE in_w), 0)::DOUBLE AS wd,
        coalesce(sum(bytes) FILTER (WHERE in_w), 0)::DOUBLE AS wb,
        (count(*) FILTER (WHERE in_b))::DOUBLE AS bn, coalesce(sum(b_busy) FILTER (WHERE in_b), 0)::DOUBLE AS bd,
        coalesce(sum(bytes) FILTER (WHERE in_b), 0)::DOUBLE AS bb
      FROM t GROUP BY GROUPING SETS ((route), (usr))`,
      [q.instance],
      q.read,
    );
    const route: GroupSums[] = [];
    const user: GroupSums[] = [];
    let windowRows = 0;
    let baselineRows = 0;
    for (const r of rows) {
      const g: GroupSums = {
        key: String(r.key),
        window: { requests: Number(r.wn), durationMs: Number(r.wd), bytes: Number(r.wb) },
        baseline: { requests: Number(r.bn), durationMs: Number(r.bd), bytes: Number(r.bb) },
      };
      // A group present only on one side still carries zeros on the other, as in the array sums.
      if (Number(r.by_user) === 1) user.push(g);
      else {
        route.push(g);
        windowRows += g.window.requests;
        baselineRows += g.baseline.requests;
      }
    }
    return { route, user, windowRows, baselineRows };
  }

  async spikeCauseRows(
    q: Omit<SpikeSumsQuery, 'baseline'> & { route: string; userKey: string; limit: number },
  ): Promise<{ rows: Transaction[]; rowCount: number }> {
    const rows = await this.select(
      `SELECT ${TRANSACTION_SELECT}, count(*) OVER ()::DOUBLE AS total FROM transactions
        WHERE ${inRange(q.read)} AND instance = $1 AND ${overlapping(q.window)} AND route = $2 AND ${USER_KEY} = $3
        ORDER BY time_ms LIMIT ${int(q.limit)}`,
      [q.instance, q.route, q.userKey],
      q.read,
    );
    return { rows: rows.map(transactionFromJs), rowCount: Number(rows[0]?.total ?? 0) };
  }

  async oomCandidates(range: TimeRange, marker: string): Promise<OomCandidates> {
    const params = [marker];
    const logs = await this.select(
      `SELECT time_ms::DOUBLE AS time_ms, * EXCLUDE (time_ms) FROM logs WHERE ${inRange(range)}
        AND (contains(coalesce(exception_type, ''), $1) OR contains(body, $1)) ORDER BY time_ms`,
      params,
    );
    const txs = await this.select(
      `SELECT ${TRANSACTION_SELECT} FROM transactions WHERE ${inRange(range)} AND error AND contains(detail, $1) ORDER BY time_ms`,
      params,
      range,
    );
    const [counts] = await this.select(
      `SELECT (SELECT count(*) FROM logs WHERE ${inRange(range)})::DOUBLE AS ln,
          (SELECT min(time_ms) FROM logs WHERE ${inRange(range)})::DOUBLE AS l0,
          (SELECT max(time_ms) FROM logs WHERE ${inRange(range)})::DOUBLE AS l1,
          count(*)::DOUBLE AS tn, min(time_ms)::DOUBLE AS t0, max(time_ms)::DOUBLE AS t1,
          coalesce(max(duration_ms), 0)::DOUBLE AS longest
        FROM transactions WHERE ${inRange(range)} AND error`,
      [],
      range,
    );
    const searched = (n: unknown, first: unknown, last: unknown): SearchedRows => ({
      rows: Number(n ?? 0),
      first: first === null || first === undefined ? null : Number(first),
      last: last === null || last === undefined ? null : Number(last),
    });
    return {
      logs: logs.map(logFromJs),
      transactions: txs.map(transactionFromJs),
      searchedLogs: searched(counts?.ln, counts?.l0, counts?.l1),
      searchedErrorTransactions: searched(counts?.tn, counts?.t0, counts?.t1),
      maxErrorDurationMs: Number(counts?.longest ?? 0),
    };
  }

  async oomLookbackRows(q: OomLookbackQuery): Promise<Transaction[]> {
    const errorRow = `(error AND ${inRange(q.errors)})`;
    const rows = await this.select(
      `SELECT ${TRANSACTION_SELECT}, ${errorRow} AS searched FROM transactions
        WHERE instance = $1 AND time_ms >= ${int(Math.min(q.read.from, q.errors.from))} AND time_ms < ${int(q.read.to)}
          AND time_ms + duration_ms >= ${int(q.runningFrom)}
          AND (time_ms >= ${int(q.read.from)} OR ${errorRow})
        ORDER BY searched DESC, time_ms`,
      [q.instance],
      { from: Math.min(q.read.from, q.errors.from), to: q.read.to },
    );
    return rows.map(transactionFromJs);
  }
}
