/**
 * Tables of the embedded store. Times are epoch milliseconds (BIGINT) so rows round-trip exactly;
 * rollups have one table per level (each pruned by its own retention) with one column group per
 * identification mode, and a staging table per level for bulk upserts. `collector_state` holds the
 * journal checkpoint, written in the same transaction as the data it covers.
 */
import { USER_KEY_MODES } from '../model/transaction.js';
import type { UserKeyMode } from '../model/transaction.js';
import { ROLLUP_LEVELS } from '../rollup/rollup-row.js';
import type { RollupLevel } from '../rollup/rollup-row.js';

export const TRANSACTION_COLUMNS = `time_ms BIGINT, duration_ms DOUBLE, status INTEGER, error BOOLEAN, method VARCHAR,
  url VARCHAR, route VARCHAR, instance VARCHAR, service VARCHAR, client_ip VARCHAR, session_id VARCHAR,
  visitor_id VARCHAR, user_id VARCHAR, user_agent VARCHAR, bytes DOUBLE, trace_id VARCHAR, span_id VARCHAR,
  detail VARCHAR`;

/** The table of directly appended raw transactions (the name `transactions` is the view over all of them). */
export const ROWS_TABLE = 'transactions_rows';

export function modeColumns(mode: UserKeyMode): string[] {
  return [`${mode}_sketch`, `${mode}_ccu_max`, `${mode}_ccu_min`, `${mode}_ccu_avg`, `${mode}_samples`];
}

const ROLLUP_COLUMNS = [
  'instance VARCHAR',
  'start_ms BIGINT',
  'transactions BIGINT',
  'errors BIGINT',
  'latency BLOB',
  'duration_sum_ms DOUBLE',
  'bytes DOUBLE',
  'sessions DOUBLE',
  'cpu_avg DOUBLE',
  'cpu_max DOUBLE',
  'cpu_samples INTEGER',
  'memory_avg DOUBLE',
  'memory_max DOUBLE',
  'memory_samples INTEGER',
  ...USER_KEY_MODES.flatMap((m) => {
    const [sketch, max, min, avg, samples] = modeColumns(m);
    return [`${sketch} BLOB`, `${max} DOUBLE`, `${min} DOUBLE`, `${avg} DOUBLE`, `${samples} INTEGER`];
  }),
].join(', ');

export function rollupTable(level: RollupLevel): string {
  return `rollup_${level}`;
}

export function stageTable(level: RollupLevel): string {
  return `rollup_${level}_stage`;
}

export const SCHEMA_SQL: string[] = [
  // Directly appended rows; the collector's raw files join them in the `transactions` view (raw-tier.ts).
  `CREATE TABLE IF NOT EXISTS ${ROWS_TABLE} (${TRANSACTION_COLUMNS})`,
  // The raw transaction files that are raw storage (raw-tier.ts).
  `CREATE TABLE IF NOT EXISTS raw_files (name VARCHAR PRIMARY KEY, format VARCHAR, rows BIGINT, min_time BIGINT,
    max_time BIGINT, added_ms BIGINT)`,
  `CREATE TABLE IF NOT EXISTS metrics (time_ms BIGINT, instance VARCHAR, metric VARCHAR, value DOUBLE, "limit" DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS logs (time_ms BIGINT, instance VARCHAR, service VARCHAR, severity VARCHAR, body VARCHAR,
    exception_type VARCHAR, exception_message VARCHAR, trace_id VARCHAR, span_id VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS session_events (time_ms BIGINT, type VARCHAR, instance VARCHAR, session_id VARCHAR,
    user_id VARCHAR, client_ip VARCHAR, user_agent VARCHAR, ttl_seconds DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS collector_state (key VARCHAR PRIMARY KEY, value VARCHAR)`,
  ...ROLLUP_LEVELS.flatMap((level) => [
    `CREATE TABLE IF NOT EXISTS ${rollupTable(level)} (${ROLLUP_COLUMNS})`,
    `CREATE TABLE IF NOT EXISTS ${stageTable(level)} (${ROLLUP_COLUMNS})`,
    // A crash between staging and merging leaves stage rows; they were never acknowledged as stored.
    `DELETE FROM ${stageTable(level)}`,
  ]),
];
