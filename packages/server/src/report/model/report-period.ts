/**
 * The period a report covers when the caller gives none: the last full week (Monday 00:00 to Monday
 * 00:00 in the deployment's time zone) for weekly, the last full calendar month for monthly and SLA.
 * Calendar words belong to the operators' zone (Asia/Seoul by default), not to UTC.
 */
import { addWall, epochOf, startOfWeek, wallOf } from '../../ask/parse/zoned-clock.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { ReportKind } from '../report-types.js';

export interface ReportPeriod {
  from: number;
  to: number;
  defaulted: boolean;
}

/** Longest period one report covers: hourly rows for a quarter stay small enough to chart and print. */
export const MAX_REPORT_SPAN_MS = 93 * 86_400_000;

export function defaultPeriod(kind: ReportKind, now: number, timeZone: string): { from: number; to: number } {
  const wall = wallOf(now, timeZone);
  switch (kind) {
    case 'weekly': {
      const thisWeek = startOfWeek(wall);
      return { from: epochOf(addWall(thisWeek, -1, 'week'), timeZone), to: epochOf(thisWeek, timeZone) };
    }
    case 'monthly':
    case 'sla': {
      const thisMonth = { y: wall.y, mo: wall.mo, d: 1, h: 0, mi: 0 };
      return { from: epochOf(addWall(thisMonth, -1, 'month'), timeZone), to: epochOf(thisMonth, timeZone) };
    }
  }
}

/**
 * The period to report: both bounds given, one given (the other follows the kind's length), or the
 * default. Bounds are aligned down to the hour because the report reads hourly rollups.
 */
export function resolvePeriod(
  kind: ReportKind,
  q: { from?: number; to?: number },
  now: number,
  timeZone: string,
): ReportPeriod {
  const HOUR = 3_600_000;
  const fallback = defaultPeriod(kind, now, timeZone);
  const length = fallback.to - fallback.from;
  let from: number;
  let to: number;
  if (q.from !== undefined && q.to !== undefined) [from, to] = [q.from, q.to];
  else if (q.from !== undefined) [from, to] = [q.from, q.from + length];
  else if (q.to !== undefined) [from, to] = [q.to - length, q.to];
  else return { ...fallback, defaulted: true };
  if (!(from < to)) throw new PromptOpsError('invalid_parameter', 'from must be before to');
  from = Math.floor(from / HOUR) * HOUR;
  to = Math.ceil(to / HOUR) * HOUR;
  if (to - from > MAX_REPORT_SPAN_MS)
    throw new PromptOpsError('range_too_large', `a report covers at most ${MAX_REPORT_SPAN_MS / 86_400_000} days`);
  return { from, to, defaulted: false };
}

/** Offset of the zone from UTC at `t`, minutes (540 for Asia/Seoul), for the analyses' local calendars. */
export function zoneOffsetAt(t: number, timeZone: string): number {
  const w = wallOf(t, timeZone);
  return Math.round((Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi) - Math.floor(t / 60_000) * 60_000) / 60_000);
}
