/**
 * Request rates far above a user's own norm (`request_rate_outlier`): each authenticated user's busiest
 * minute in the analysed window against the busiest minute that user had in the baseline. A user with
 * no baseline is held to the absolute floor alone, so a first-time visitor is not an outlier for
 * merely existing.
 */
import type { Transaction } from '../../model/transaction.js';
import { MINUTE_MS } from '../series/series.js';
import { MAX_FINDING_ROWS, rangeOf, type SecurityFinding } from './security-finding.js';

export interface RateOutlierOptions {
  /** The user's busiest baseline minute times this is the bar; default 5. */
  factor?: number;
  /** Never flag below this many requests in a minute; default 60. */
  minPerMinute?: number;
}

function peakMinute(txs: readonly Transaction[]): Map<string, { peak: number; minute: number }> {
  const counts = new Map<string, Map<number, number>>();
  for (const tx of txs) {
    if (!tx.userId) continue;
    let m = counts.get(tx.userId);
    if (!m) counts.set(tx.userId, (m = new Map()));
    const minute = Math.floor(tx.time / MINUTE_MS) * MINUTE_MS;
    m.set(minute, (m.get(minute) ?? 0) + 1);
  }
  const out = new Map<string, { peak: number; minute: number }>();
  for (const [user, m] of counts) {
    let best = { peak: 0, minute: 0 };
    for (const [minute, n] of m) if (n > best.peak) best = { peak: n, minute };
    out.set(user, best);
  }
  return out;
}

export function findRequestRateOutliers(
  window: readonly Transaction[],
  baseline: readonly Transaction[],
  options: RateOutlierOptions = {},
): SecurityFinding[] {
  const factor = options.factor ?? 5;
  const floor = options.minPerMinute ?? 60;
  const now = peakMinute(window);
  const before = peakMinute(baseline);
  const findings: SecurityFinding[] = [];
  for (const [user, { peak, minute }] of now) {
    const norm = before.get(user)?.peak ?? 0;
    const threshold = Math.max(floor, factor * norm);
    if (peak < threshold) continue;
    const rows = window.filter((t) => t.userId === user && t.time >= minute && t.time < minute + MINUTE_MS);
    findings.push({
      rule: 'request_rate_outlier',
      subject: { kind: 'user', value: user },
      summary: `${user} made ${peak} requests in one minute; own busiest baseline minute ${norm}`,
      threshold,
      observed: peak,
      unit: 'requests per minute',
      range: rangeOf(rows),
      rows: rows.slice(0, MAX_FINDING_ROWS),
      rowCount: rows.length,
      details: { baselinePeakPerMinute: norm, factor },
    });
  }
  return findings.sort((a, b) => b.observed - a.observed);
}
