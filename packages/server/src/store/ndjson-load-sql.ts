/**
 * Bulk loading of newline-delimited JSON files of model records (the ingest journal's segments) with
 * DuckDB's native JSON reader: one INSERT … SELECT per table, columns mapped from the model's field
 * names, commit lines (top-level `c`) skipped. This keeps raw-row storage off the event loop.
 */
export type NdjsonTable = 'transactions' | 'metrics' | 'logs' | 'session_events';

const COLUMNS: Record<NdjsonTable, Record<string, string>> = {
  transactions: {
    time: 'DOUBLE',
    durationMs: 'DOUBLE',
    status: 'INTEGER',
    error: 'BOOLEAN',
    method: 'VARCHAR',
    url: 'VARCHAR',
    route: 'VARCHAR',
    instance: 'VARCHAR',
    service: 'VARCHAR',
    clientIp: 'VARCHAR',
    sessionId: 'VARCHAR',
    visitorId: 'VARCHAR',
    userId: 'VARCHAR',
    userAgent: 'VARCHAR',
    bytes: 'DOUBLE',
    traceId: 'VARCHAR',
    spanId: 'VARCHAR',
    queries: 'JSON',
    calls: 'JSON',
    exceptions: 'JSON',
    c: 'BIGINT',
  },
  metrics: { time: 'DOUBLE', instance: 'VARCHAR', metric: 'VARCHAR', value: 'DOUBLE', limit: 'DOUBLE', c: 'BIGINT' },
  logs: {
    time: 'DOUBLE',
    instance: 'VARCHAR',
    service: 'VARCHAR',
    severity: 'VARCHAR',
    body: 'VARCHAR',
    exceptionType: 'VARCHAR',
    exceptionMessage: 'VARCHAR',
    traceId: 'VARCHAR',
    spanId: 'VARCHAR',
    c: 'BIGINT',
  },
  session_events: {
    type: 'VARCHAR',
    time: 'DOUBLE',
    instance: 'VARCHAR',
    sessionId: 'VARCHAR',
    userId: 'VARCHAR',
    clientIp: 'VARCHAR',
    userAgent: 'VARCHAR',
    ttlSeconds: 'DOUBLE',
    c: 'BIGINT',
  },
};

/** SELECT lists in the column order of duckdb-schema.ts. */
const SELECT: Record<NdjsonTable, string> = {
  transactions: `trunc(time)::BIGINT, durationMs, coalesce(status, 0), coalesce(error, false), method, url, route,
    instance, service, coalesce(clientIp, ''), sessionId, visitorId, userId, userAgent, coalesce(bytes, 0), traceId,
    spanId, CASE WHEN queries IS NULL AND calls IS NULL AND exceptions IS NULL THEN NULL
      ELSE json_object('queries', queries, 'calls', calls, 'exceptions', exceptions)::VARCHAR END`,
  metrics: 'trunc(time)::BIGINT, instance, metric, value, "limit"',
  logs: 'trunc(time)::BIGINT, instance, service, severity, body, exceptionType, exceptionMessage, traceId, spanId',
  session_events: 'trunc(time)::BIGINT, type, instance, sessionId, userId, clientIp, userAgent, ttlSeconds',
};

export const quote = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** INSERT … SELECT of `files` (records of kind `table`) into `target` (default: the table of that name). */
export function ndjsonInsertSql(table: NdjsonTable, files: readonly string[], target: string = table): string {
  const columns = Object.entries(COLUMNS[table])
    .map(([name, type]) => `"${name}": '${type}'`)
    .join(', ');
  return `INSERT INTO ${target} SELECT ${SELECT[table]}
    FROM read_json([${files.map(quote).join(', ')}], format = 'newline_delimited', columns = {${columns}})
    WHERE c IS NULL`;
}
