/**
 * All abnormal-access rules over one range: login bursts, accounts used from many addresses, attack
 * URLs and scanners, unknown-path scans, very long sessions and request-rate outliers. Each finding
 * carries its rule, threshold and rows; the evidence says what was scanned.
 */
import type { SessionEvent } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import type { SessionSummary } from '../../store/store.js';
import type { Evidence, TimeRange } from '../evidence.js';
import { findAbnormalUrls, type AbnormalUrlOptions } from './abnormal-urls.js';
import { findLoginBursts, type LoginBurstOptions } from './login-burst.js';
import { findLongSessions, summarizeSessions, type LongSessionOptions } from './long-sessions.js';
import { findRequestRateOutliers, type RateOutlierOptions } from './request-rate-outliers.js';
import { rangeOf, type SecurityFinding, type SecurityRule } from './security-finding.js';
import { findUsersWithManyIps, type UserIpSpreadOptions } from './user-ip-spread.js';

export interface AbnormalAccessInput {
  /** The analysed range; its end is the "now" long sessions are judged at. */
  range: TimeRange;
  /** Transactions in the range. */
  transactions: readonly Transaction[];
  /** Earlier transactions: users' own rate norms and the normal URL set are learnt from them. */
  baseline?: readonly Transaction[];
  /** Sessions (from the store), or session events to summarise with the transactions. */
  sessions?: readonly SessionSummary[];
  sessionEvents?: readonly SessionEvent[];
}

export interface AbnormalAccessOptions {
  loginBurst?: LoginBurstOptions;
  userIps?: UserIpSpreadOptions;
  urls?: AbnormalUrlOptions;
  longSessions?: Omit<LongSessionOptions, 'at'>;
  rates?: RateOutlierOptions;
  /** Rules to run; default all. */
  rules?: readonly SecurityRule[];
}

export interface AbnormalAccessResult {
  findings: SecurityFinding[];
  /** Findings per rule (0 for rules that ran and found nothing). */
  counts: Partial<Record<SecurityRule, number>>;
  evidence: Evidence[];
}

export function analyzeAbnormalAccess(
  input: AbnormalAccessInput,
  options: AbnormalAccessOptions = {},
): AbnormalAccessResult {
  const on = (rule: SecurityRule): boolean => !options.rules || options.rules.includes(rule);
  const txs = input.transactions;
  const baseline = input.baseline ?? [];
  const findings: SecurityFinding[] = [];
  const counts: Partial<Record<SecurityRule, number>> = {};
  const add = (rules: readonly SecurityRule[], found: SecurityFinding[]): void => {
    for (const r of rules) counts[r] = 0;
    for (const f of found) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    findings.push(...found);
  };
  if (on('login_burst')) add(['login_burst'], findLoginBursts(txs, options.loginBurst));
  if (on('user_many_ips')) add(['user_many_ips'], findUsersWithManyIps(txs, options.userIps));
  if (on('abnormal_url') || on('scanner_user_agent') || on('unknown_route_scan')) {
    const urlRules: SecurityRule[] = ['abnormal_url', 'scanner_user_agent', 'unknown_route_scan'];
    const normalFrom = baseline.length > 0 ? [...baseline, ...txs] : txs;
    const found = findAbnormalUrls(txs, { normalFrom, ...options.urls }).filter((f) => on(f.rule));
    add(
      urlRules.filter((r) => on(r)),
      found,
    );
  }
  let sessionCount = 0;
  if (on('long_session')) {
    const activeWindowMs = options.longSessions?.activeWindowMs ?? 5 * 60_000;
    // Sessions opened before the range are judged from their first sighting, so the baseline counts too.
    const sessions =
      input.sessions ??
      summarizeSessions([...baseline, ...txs], input.sessionEvents ?? [], input.range.to - activeWindowMs);
    sessionCount = sessions.length;
    add(['long_session'], findLongSessions(sessions, { ...options.longSessions, at: input.range.to }, txs));
  }
  if (on('request_rate_outlier')) add(['request_rate_outlier'], findRequestRateOutliers(txs, baseline, options.rates));
  const evidence: Evidence[] = [
    {
      source: 'history',
      description: 'transactions scanned by the abnormal-access rules',
      range: input.range,
      rows: txs.length,
    },
  ];
  if (baseline.length > 0) {
    evidence.push({
      source: 'history',
      description: 'baseline transactions (users’ own request-rate norms, the normal URL set)',
      range: rangeOf(baseline),
      rows: baseline.length,
    });
  }
  if (on('long_session')) {
    evidence.push({
      source: input.sessions ? 'session-store' : 'history',
      description: 'sessions checked for being open long and still active',
      range: input.range,
      rows: sessionCount,
    });
  }
  return { findings, counts, evidence };
}
