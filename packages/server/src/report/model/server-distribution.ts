/**
 * Per-server distribution of a period: each instance's CCU peak and average, active-session peak and
 * average, and its share of the transactions — the "is the load balanced?" table of a report.
 */
import type { ServerRow } from '../report-types.js';
import { round1 } from './ccu-figures.js';
import type { HourlyReader } from './hourly-reader.js';

export async function serverDistribution(reader: HourlyReader, from: number, to: number): Promise<ServerRow[]> {
  const names = await reader.instances(from, to);
  const rows: ServerRow[] = [];
  for (const instance of names) {
    const [ccu, sessions, txs] = await Promise.all([
      reader.series('ccu', from, to, instance),
      reader.series('sessions', from, to, instance),
      reader.series('transactions', from, to, instance),
    ]);
    if (ccu.length === 0 && txs.length === 0) continue;
    rows.push({
      instance,
      ccuPeak: Math.round(Math.max(0, ...ccu.map((p) => p.value))),
      ccuAvg: round1(mean(ccu.map((p) => p.avg ?? p.value)) ?? 0),
      sessionsPeak: sessions.length ? Math.max(...sessions.map((p) => p.value)) : null,
      sessionsAvg: sessions.length ? round1(mean(sessions.map((p) => p.value)) ?? 0) : null,
      transactions: txs.reduce((a, p) => a + p.value, 0),
      share: 0,
    });
  }
  const total = rows.reduce((a, r) => a + r.transactions, 0);
  for (const r of rows) r.share = total > 0 ? Math.round((r.transactions / total) * 10_000) / 10_000 : 0;
  return rows;
}

function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}
