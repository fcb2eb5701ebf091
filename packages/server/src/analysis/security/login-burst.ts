/**
 * Brute-force logins (`security.login_burst`): failed logins (401/403 on a login route) counted per
 * client address per minute; an address is flagged when any minute reaches the threshold. Successful
 * logins never count, so a busy office behind one NAT address is not a burst.
 */
import type { Transaction } from '../../model/transaction.js';
import { MINUTE_MS } from '../series/series.js';
import { MAX_FINDING_ROWS, rangeOf, type SecurityFinding } from './security-finding.js';

export interface LoginBurstOptions {
  /** Failed logins per address per minute that count as a burst; default 10. */
  perMinute?: number;
  /** Routes that are login endpoints; default paths containing login, signin, auth or j_security_check. */
  loginRoute?: RegExp;
}

export const DEFAULT_LOGIN_ROUTE = /login|signin|sign-in|auth|j_security_check/i;

export function isFailedLogin(tx: Transaction, loginRoute: RegExp = DEFAULT_LOGIN_ROUTE): boolean {
  return (tx.status === 401 || tx.status === 403) && loginRoute.test(tx.route || tx.url);
}

export function findLoginBursts(txs: readonly Transaction[], options: LoginBurstOptions = {}): SecurityFinding[] {
  const threshold = options.perMinute ?? 10;
  const byIp = new Map<string, Transaction[]>();
  for (const tx of txs) {
    if (!isFailedLogin(tx, options.loginRoute)) continue;
    let list = byIp.get(tx.clientIp);
    if (!list) byIp.set(tx.clientIp, (list = []));
    list.push(tx);
  }
  const findings: SecurityFinding[] = [];
  for (const [ip, list] of byIp) {
    const perMinute = new Map<number, number>();
    for (const tx of list) {
      const m = Math.floor(tx.time / MINUTE_MS) * MINUTE_MS;
      perMinute.set(m, (perMinute.get(m) ?? 0) + 1);
    }
    const peak = Math.max(...perMinute.values());
    if (peak < threshold) continue;
    const burstMinutes = [...perMinute].filter(([, n]) => n >= threshold).length;
    list.sort((a, b) => a.time - b.time);
    findings.push({
      rule: 'login_burst',
      subject: { kind: 'ip', value: ip },
      summary: `${list.length} failed logins from ${ip}, up to ${peak} a minute over ${burstMinutes} minute(s)`,
      threshold,
      observed: peak,
      unit: 'failed logins per minute',
      range: rangeOf(list),
      rows: list.slice(0, MAX_FINDING_ROWS),
      rowCount: list.length,
      details: {
        failedLogins: list.length,
        burstMinutes,
        sessions: new Set(list.map((t) => t.sessionId ?? '')).size,
        userAgents: [...new Set(list.map((t) => t.userAgent ?? ''))].slice(0, 5),
      },
    });
  }
  return findings.sort((a, b) => b.observed - a.observed);
}
