/**
 * The shape every abnormal-access rule returns: which rule fired, on whom (an address, a user, a
 * session), the threshold it compared with and the value observed, the time range, and the rows behind
 * it (capped, with the full count), so an answer can show exactly why something was flagged.
 */
import type { Transaction } from '../../model/transaction.js';
import type { TimeRange } from '../evidence.js';

export const SECURITY_RULES = [
  'login_burst',
  'user_many_ips',
  'abnormal_url',
  'scanner_user_agent',
  'unknown_route_scan',
  'long_session',
  'request_rate_outlier',
] as const;
export type SecurityRule = (typeof SECURITY_RULES)[number];

export interface FindingSubject {
  kind: 'ip' | 'user' | 'session';
  value: string;
}

export interface SecurityFinding {
  rule: SecurityRule;
  subject: FindingSubject;
  /** One line: what was seen, in numbers. */
  summary: string;
  /** The rule's threshold and the value observed, same unit (e.g. failed logins per minute). */
  threshold: number;
  observed: number;
  unit: string;
  range: TimeRange;
  /** The transactions behind the finding (first `MAX_FINDING_ROWS`). */
  rows: Transaction[];
  rowCount: number;
  /** Rule-specific figures (distinct addresses, matched patterns, session ids …). */
  details: Record<string, string | number | string[]>;
}

export const MAX_FINDING_ROWS = 20;

export function rangeOf(rows: readonly { time: number }[]): TimeRange {
  let from = Infinity;
  let to = -Infinity;
  for (const r of rows) {
    if (r.time < from) from = r.time;
    if (r.time > to) to = r.time;
  }
  return Number.isFinite(from) ? { from, to: to + 1 } : { from: 0, to: 0 };
}
