/**
 * RollupRow ↔ DuckDB: appends a row to a rollup table through an Appender in column order, and reads
 * a row back from a JS row object. The latency histogram is a little-endian uint32 BLOB.
 */
import type { DuckDBAppender } from '@duckdb/node-api';
import { USER_KEY_MODES } from '../model/transaction.js';
import type { UserKeyMode } from '../model/transaction.js';
import { LATENCY_BUCKETS } from '../rollup/latency-histogram.js';
import type { RollupLevel, RollupRow, UserStats } from '../rollup/rollup-row.js';
import { modeColumns } from './duckdb-schema.js';

export function appendRollupRow(a: DuckDBAppender, row: RollupRow): void {
  a.appendVarchar(row.instance);
  a.appendBigInt(BigInt(row.start));
  a.appendBigInt(BigInt(row.transactions));
  a.appendBigInt(BigInt(row.errors));
  a.appendBlob(encodeLatency(row.latency));
  a.appendDouble(row.durationSumMs);
  a.appendDouble(row.bytes);
  appendNullableDouble(a, row.sessions);
  appendNullableDouble(a, row.cpuAvg);
  appendNullableDouble(a, row.cpuMax);
  a.appendInteger(row.cpuSamples ?? (row.cpuAvg === null ? 0 : 1));
  appendNullableDouble(a, row.memoryAvg);
  appendNullableDouble(a, row.memoryMax);
  a.appendInteger(row.memorySamples ?? (row.memoryAvg === null ? 0 : 1));
  for (const mode of USER_KEY_MODES) {
    const u = row.users[mode];
    if (u === undefined) {
      for (let i = 0; i < 5; i++) a.appendNull();
      continue;
    }
    a.appendBlob(u.sketch);
    a.appendDouble(u.ccuMax);
    a.appendDouble(u.ccuMin);
    a.appendDouble(u.ccuAvg);
    a.appendInteger(u.samples);
  }
  a.endRow();
}

/** SELECT list reading a rollup table back with BIGINTs as DOUBLE (exact below 2^53). */
export const ROLLUP_SELECT = [
  'instance',
  'start_ms::DOUBLE AS start_ms',
  'transactions::DOUBLE AS transactions',
  'errors::DOUBLE AS errors',
  'latency',
  'duration_sum_ms',
  'bytes',
  'sessions',
  'cpu_avg',
  'cpu_max',
  'cpu_samples',
  'memory_avg',
  'memory_max',
  'memory_samples',
  ...USER_KEY_MODES.flatMap((m) => modeColumns(m)),
].join(', ');

/**
 * The same columns with each sketch replaced by an empty BLOB (NULL stays NULL: mode not kept). The
 * test reads the mode's `samples` column so the sketch bytes are never loaded.
 */
export const ROLLUP_SELECT_NO_SKETCH = ROLLUP_SELECT.split(', ')
  .map((c) =>
    c.endsWith('_sketch')
      ? `CASE WHEN ${c.replace(/_sketch$/, '_samples')} IS NULL THEN NULL ELSE ''::BLOB END AS ${c}`
      : c,
  )
  .join(', ');

type JsRow = Record<string, unknown>;

export function rollupRowFromJs(level: RollupLevel, r: JsRow): RollupRow {
  const users: Partial<Record<UserKeyMode, UserStats>> = {};
  for (const mode of USER_KEY_MODES) {
    const [sketch, max, min, avg, samples] = modeColumns(mode);
    const bytes = r[sketch];
    if (!(bytes instanceof Uint8Array)) continue;
    users[mode] = {
      sketch: bytes,
      ccuMax: num(r[max]),
      ccuMin: num(r[min]),
      ccuAvg: num(r[avg]),
      samples: num(r[samples]),
    };
  }
  return {
    level,
    instance: String(r.instance),
    start: num(r.start_ms),
    users,
    transactions: num(r.transactions),
    errors: num(r.errors),
    latency: decodeLatency(r.latency),
    durationSumMs: num(r.duration_sum_ms),
    bytes: num(r.bytes),
    sessions: nullableNum(r.sessions),
    cpuAvg: nullableNum(r.cpu_avg),
    cpuMax: nullableNum(r.cpu_max),
    memoryAvg: nullableNum(r.memory_avg),
    memoryMax: nullableNum(r.memory_max),
    cpuSamples: num(r.cpu_samples),
    memorySamples: num(r.memory_samples),
  };
}

function encodeLatency(counts: readonly number[]): Uint8Array {
  const out = new Uint8Array(LATENCY_BUCKETS * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < LATENCY_BUCKETS; i++) view.setUint32(i * 4, counts[i] ?? 0, true);
  return out;
}

function decodeLatency(value: unknown): number[] {
  const counts = new Array<number>(LATENCY_BUCKETS).fill(0);
  if (!(value instanceof Uint8Array)) return counts;
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  for (let i = 0; i < LATENCY_BUCKETS && i * 4 + 4 <= value.byteLength; i++) counts[i] = view.getUint32(i * 4, true);
  return counts;
}

function appendNullableDouble(a: DuckDBAppender, v: number | null): void {
  if (v === null || !Number.isFinite(v)) a.appendNull();
  else a.appendDouble(v);
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

function nullableNum(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}
