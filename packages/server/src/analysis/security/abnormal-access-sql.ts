/**
 * The abnormal-access rules run inside the store (`Store.aggregates`): the same rules, thresholds and
 * finding shapes as `analyzeAbnormalAccess`, but the store groups and counts, and only flagged groups
 * come back with their first rows. This is what makes a day of transactions answerable interactively;
 * the array version stays the reference the tests compare it with.
 */
import type { Store, TimeRange } from '../../store/store.js';
import type { PatternSpec, RowSample, TransactionAggregates } from '../../store/transaction-aggregates.js';
import type { Evidence } from '../evidence.js';
import { HOUR_MS, MINUTE_MS } from '../series/series.js';
import type { AbnormalAccessOptions, AbnormalAccessResult } from './abnormal-access.js';
import { ATTACK_PATTERNS, SCANNER_USER_AGENTS, matchAttackPatterns } from './abnormal-urls.js';
import { DEFAULT_LOGIN_ROUTE } from './login-burst.js';
import { findLongSessions } from './long-sessions.js';
import { MAX_FINDING_ROWS, type SecurityFinding, type SecurityRule } from './security-finding.js';

const spanOf = (g: RowSample): TimeRange => ({ from: g.first, to: g.last + 1 });

function ipFinding(
  rule: SecurityRule,
  ip: string,
  g: RowSample,
  threshold: number,
  unit: string,
  details: SecurityFinding['details'],
  observed = g.rowCount,
): SecurityFinding {
  return {
    rule,
    subject: { kind: 'ip', value: ip },
    summary: `${observed} ${unit} from ${ip}`,
    threshold,
    observed,
    unit,
    range: spanOf(g),
    rows: g.rows.slice(0, MAX_FINDING_ROWS),
    rowCount: g.rowCount,
    details,
  };
}

const spec = (re: RegExp): PatternSpec => ({ source: re.source, ignoreCase: re.flags.includes('i') });

/**
 * URLs that may match an attack pattern: a raw match, or any `%` (decoding can reveal one). The exact
 * match (raw and decoded, `matchAttackPatterns`) then runs on these few distinct URLs in JS, so the
 * patterns have one source of truth.
 */
const ATTACK_PREFILTER: PatternSpec = {
  source: [...ATTACK_PATTERNS.map((p) => `(?:${p.pattern.source})`), '%'].join('|'),
  ignoreCase: true,
};

export async function abnormalAccessInStore(
  store: Store,
  agg: TransactionAggregates,
  range: TimeRange,
  baselineRange: TimeRange,
  options: AbnormalAccessOptions = {},
): Promise<AbnormalAccessResult> {
  const on = (rule: SecurityRule): boolean => !options.rules || options.rules.includes(rule);
  const findings: SecurityFinding[] = [];
  const counts: Partial<Record<SecurityRule, number>> = {};
  const add = (rules: readonly SecurityRule[], found: SecurityFinding[]): void => {
    for (const r of rules) counts[r] = 0;
    for (const f of found) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    findings.push(...found);
  };
  const [scanned, base] = await Promise.all([agg.countTransactions(range), agg.countTransactions(baselineRange)]);

  if (on('login_burst')) {
    const threshold = options.loginBurst?.perMinute ?? 10;
    const groups = await agg.loginBursts(range, spec(options.loginBurst?.loginRoute ?? DEFAULT_LOGIN_ROUTE), threshold);
    const found = groups.map((g): SecurityFinding => ({
      rule: 'login_burst',
      subject: { kind: 'ip', value: g.clientIp },
      summary: `${g.rowCount} failed logins from ${g.clientIp}, up to ${g.peak} a minute over ${g.burstMinutes} minute(s)`,
      threshold,
      observed: g.peak,
      unit: 'failed logins per minute',
      range: spanOf(g),
      rows: g.rows.slice(0, MAX_FINDING_ROWS),
      rowCount: g.rowCount,
      details: {
        failedLogins: g.rowCount,
        burstMinutes: g.burstMinutes,
        sessions: g.sessions,
        userAgents: g.userAgents,
      },
    }));
    add(
      ['login_burst'],
      found.sort((a, b) => b.observed - a.observed),
    );
  }

  if (on('user_many_ips')) {
    const threshold = options.userIps?.minDistinctIps ?? 5;
    const groups = await agg.usersWithManyIps(range, threshold);
    const found = groups.map((g): SecurityFinding => ({
      rule: 'user_many_ips',
      subject: { kind: 'user', value: g.userId },
      summary: `${g.userId} used ${g.addresses.length} client addresses`,
      threshold,
      observed: g.addresses.length,
      unit: 'distinct client addresses',
      // The first row of each address spans the range, as in the array rule.
      range: spanOf(g),
      rows: g.rows.slice(0, MAX_FINDING_ROWS),
      rowCount: g.rowCount,
      details: { addresses: g.addresses.slice(0, 20) },
    }));
    add(
      ['user_many_ips'],
      found.sort((a, b) => b.observed - a.observed),
    );
  }

  if (on('abnormal_url') || on('scanner_user_agent') || on('unknown_route_scan')) {
    const urlRules: SecurityRule[] = ['abnormal_url', 'scanner_user_agent', 'unknown_route_scan'];
    const found: SecurityFinding[] = [];
    if (on('abnormal_url')) {
      const patternsOf = new Map<string, string[]>();
      for (const url of await agg.distinctUrlsMatching(range, ATTACK_PREFILTER)) {
        const matched = matchAttackPatterns(url);
        if (matched.length > 0) patternsOf.set(url, matched);
      }
      for (const g of await agg.groupByIpForUrls(range, [...patternsOf.keys()])) {
        const labels = new Set(g.values.flatMap((u) => patternsOf.get(u) ?? []));
        found.push(
          ipFinding('abnormal_url', g.clientIp, g, 1, 'requests matching attack patterns', {
            patterns: [...labels],
            urls: g.values.slice(0, 10),
          }),
        );
      }
    }
    if (on('scanner_user_agent')) {
      for (const g of await agg.groupByIpForUserAgents(range, spec(SCANNER_USER_AGENTS)))
        found.push(
          ipFinding('scanner_user_agent', g.clientIp, g, 1, 'requests with a scanner user agent', {
            userAgents: g.values,
          }),
        );
    }
    if (on('unknown_route_scan')) {
      const minPaths = options.urls?.scanMinPaths ?? 20;
      const normalFrom = { from: Math.min(baselineRange.from, range.from), to: range.to };
      const groups = await agg.unknownPathScans(range, normalFrom, options.urls?.normalMinClients ?? 3, minPaths);
      for (const g of groups)
        found.push(
          ipFinding(
            'unknown_route_scan',
            g.clientIp,
            g,
            minPaths,
            'distinct unknown paths answered 4xx',
            { paths: g.paths.slice(0, 20), requests: g.rowCount },
            g.paths.length,
          ),
        );
    }
    found.sort((a, b) => b.rowCount - a.rowCount || a.subject.value.localeCompare(b.subject.value));
    add(
      urlRules.filter((r) => on(r)),
      found,
    );
  }

  let sessionCount = 0;
  if (on('long_session')) {
    const activeWindowMs = options.longSessions?.activeWindowMs ?? 5 * MINUTE_MS;
    const minDurationMs = options.longSessions?.minDurationMs ?? 3 * HOUR_MS;
    const sessions = await store.querySessions({
      from: range.to - Math.max(minDurationMs * 2, range.to - range.from),
      to: range.to,
      activeSince: range.to - activeWindowMs,
      activeOnly: true,
      limit: 100_000,
    });
    sessionCount = sessions.length;
    const longOptions = { ...options.longSessions, at: range.to };
    // Only the long sessions' own rows are read, for their evidence.
    const long = findLongSessions(sessions, longOptions);
    const rows = await agg.rowsOfSessions(
      range,
      long.map((f) => f.subject.value),
    );
    add(['long_session'], findLongSessions(sessions, longOptions, rows));
  }

  if (on('request_rate_outlier')) {
    const factor = options.rates?.factor ?? 5;
    const groups = await agg.requestRateOutliers(range, baselineRange, factor, options.rates?.minPerMinute ?? 60);
    const found = groups.map((g): SecurityFinding => ({
      rule: 'request_rate_outlier',
      subject: { kind: 'user', value: g.userId },
      summary: `${g.userId} made ${g.peak} requests in one minute; own busiest baseline minute ${g.baselinePeak}`,
      threshold: g.threshold,
      observed: g.peak,
      unit: 'requests per minute',
      range: spanOf(g),
      rows: g.rows.slice(0, MAX_FINDING_ROWS),
      rowCount: g.rowCount,
      details: { baselinePeakPerMinute: g.baselinePeak, factor },
    }));
    add(
      ['request_rate_outlier'],
      found.sort((a, b) => b.observed - a.observed),
    );
  }

  const evidence: Evidence[] = [
    { source: 'history', description: 'transactions scanned by the abnormal-access rules', range, rows: scanned.rows },
  ];
  if (base.rows > 0 && base.first !== null && base.last !== null) {
    evidence.push({
      source: 'history',
      description: 'baseline transactions (users’ own request-rate norms, the normal URL set)',
      range: { from: base.first, to: base.last + 1 },
      rows: base.rows,
    });
  }
  if (on('long_session')) {
    evidence.push({
      source: 'session-store',
      description: 'sessions checked for being open long and still active',
      range,
      rows: sessionCount,
    });
  }
  return { findings, counts, evidence };
}
