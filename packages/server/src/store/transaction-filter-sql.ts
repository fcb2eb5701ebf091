/**
 * The WHERE clause of a raw-transaction query: the range and every filter of a TransactionQuery as
 * DuckDB parameters ($1, $2, …). Shared by the row read and the count of matching rows, so a page's
 * "N matched" always counts exactly the rows the read would return without its limit.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { TransactionQuery } from './store.js';

export function transactionWhereSql(q: TransactionQuery): { where: string; params: DuckDBValue[] } {
  const conds = ['time_ms >= $1', 'time_ms < $2'];
  const params: DuckDBValue[] = [q.from, q.to];
  const add = (sql: string, value: DuckDBValue): void => {
    params.push(value);
    conds.push(sql.replace('?', `$${params.length}`));
  };
  if (q.instance !== undefined) add('instance = ?', q.instance);
  if (q.userId !== undefined) add('user_id = ?', q.userId);
  if (q.sessionId !== undefined) add('session_id = ?', q.sessionId);
  if (q.clientIp !== undefined) add('client_ip = ?', q.clientIp);
  if (q.urlPrefix !== undefined) add('starts_with(url, ?)', q.urlPrefix);
  if (q.minDurationMs !== undefined) add('duration_ms >= ?', q.minDurationMs);
  if (q.errorsOnly === true) conds.push('error');
  return { where: conds.join(' AND '), params };
}
