/**
 * Reads a two-column time-series CSV (NAB's `timestamp,value`, Prophet's `ds,y`, or any `time,value`
 * header) into a series. Wall-clock timestamps without a zone are read as UTC so hour-of-day and weekday
 * stay those written in the file (the NASA and NAB files are local time).
 */
import { readFileSync } from 'node:fs';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { SeriesPoint } from './series.js';

export interface CsvSeries {
  /** The timestamps exactly as written, so outputs can echo them back. */
  rawTimestamps: string[];
  points: SeriesPoint[];
}

const unquote = (s: string): string => s.trim().replace(/^"(.*)"$/, '$1');

/** Parses `YYYY-MM-DD[ HH:MM[:SS[.ffffff]]]` (or ISO 8601 with a zone) to epoch ms; NaN when unparseable. */
export function parseWallClock(text: string): number {
  const s = unquote(text);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/.exec(s);
  if (!m) return Date.parse(s);
  const [, y, mo, d, h, mi, se, frac] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(se ?? 0), ms);
}

export function parseSeriesCsv(text: string, source = 'CSV'): CsvSeries {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => unquote(h).toLowerCase());
  const tCol = header.findIndex((h) => ['timestamp', 'ds', 'time', 't', 'hour_start_local_edt'].includes(h));
  const vCol = header.findIndex((h) => ['value', 'y', 'requests', 'count'].includes(h));
  if (tCol < 0 || vCol < 0) {
    throw new PromptOpsError(
      'malformed_payload',
      `${source}: expected a header with a time column (timestamp|ds|time) and a value column (value|y), got '${lines[0] ?? ''}'`,
    );
  }
  const rawTimestamps: string[] = [];
  const points: SeriesPoint[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] as string).split(',');
    const raw = unquote(cells[tCol] ?? '');
    const t = parseWallClock(raw);
    const value = Number(unquote(cells[vCol] ?? ''));
    if (!Number.isFinite(t) || !Number.isFinite(value)) {
      throw new PromptOpsError('malformed_payload', `${source}: line ${i + 1} is not a time,value row: '${lines[i]}'`);
    }
    rawTimestamps.push(raw);
    points.push({ t, value });
  }
  return { rawTimestamps, points };
}

export function readSeriesCsv(file: string): CsvSeries {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new PromptOpsError('not_found', `cannot read ${file}`, { cause });
  }
  return parseSeriesCsv(text, file);
}
