/**
 * One account used from many addresses (`user_many_ips`): authenticated users whose transactions
 * came from at least `minDistinctIps` client addresses inside the range (shared or stolen credentials;
 * a person moving between office and home stays at two or three).
 */
import type { Transaction } from '../../model/transaction.js';
import { MAX_FINDING_ROWS, rangeOf, type SecurityFinding } from './security-finding.js';

export interface UserIpSpreadOptions {
  /** Distinct client addresses per user that are flagged; default 5. */
  minDistinctIps?: number;
}

export function findUsersWithManyIps(
  txs: readonly Transaction[],
  options: UserIpSpreadOptions = {},
): SecurityFinding[] {
  const threshold = options.minDistinctIps ?? 5;
  const byUser = new Map<string, { ips: Map<string, Transaction>; count: number }>();
  for (const tx of txs) {
    if (!tx.userId || !tx.clientIp) continue;
    let u = byUser.get(tx.userId);
    if (!u) byUser.set(tx.userId, (u = { ips: new Map(), count: 0 }));
    u.count++;
    // One example row per address is what the answer needs to show the spread.
    if (!u.ips.has(tx.clientIp)) u.ips.set(tx.clientIp, tx);
  }
  const findings: SecurityFinding[] = [];
  for (const [userId, u] of byUser) {
    if (u.ips.size < threshold) continue;
    const rows = [...u.ips.values()].sort((a, b) => a.time - b.time);
    findings.push({
      rule: 'user_many_ips',
      subject: { kind: 'user', value: userId },
      summary: `${userId} used ${u.ips.size} client addresses`,
      threshold,
      observed: u.ips.size,
      unit: 'distinct client addresses',
      range: rangeOf(rows),
      rows: rows.slice(0, MAX_FINDING_ROWS),
      rowCount: u.count,
      details: { addresses: [...u.ips.keys()].slice(0, 20) },
    });
  }
  return findings.sort((a, b) => b.observed - a.observed);
}
