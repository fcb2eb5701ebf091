/** One signed-in user's requests over a period: the URLs they hit, how often, how slow, with errors. */
import { z } from 'zod';
import { callOf, EvidenceLog, ms, rangeSchema } from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface UrlRow {
  route: string;
  requests: number;
  errors: number;
  avgMs: number;
  lastSeen: string;
}

const MAX_ROWS = 10_000;

export const userRequestsTool = defineTool({
  name: 'user_requests',
  description: "One user's requests over a period, grouped by route (count, errors, average duration, last seen)",
  input: z.object({ userId: z.string().min(1).max(256), range: rangeSchema }).strict(),
  async run(ctx, input) {
    const from = ms(input.range.from);
    const to = ms(input.range.to);
    const log = new EvidenceLog('user_requests');
    const page = await ctx.collector.transactionPage({ from, to, userId: input.userId, limit: MAX_ROWS });
    const txs = page.transactions;
    log.add({
      layer: 'raw-transactions',
      call: callOf('collector.transactionPage', { userId: input.userId, from: input.range.from, to: input.range.to }),
      description:
        `raw transactions of user ${input.userId}` +
        (page.truncated ? ` (the first ${txs.length} of ${page.matched} matching)` : ''),
      from,
      to,
      rows: txs.length,
    });
    const byRoute = new Map<string, { requests: number; errors: number; sumMs: number; last: number }>();
    for (const tx of txs) {
      const r = byRoute.get(tx.route) ?? { requests: 0, errors: 0, sumMs: 0, last: 0 };
      r.requests++;
      if (tx.error) r.errors++;
      r.sumMs += tx.durationMs;
      r.last = Math.max(r.last, tx.time);
      byRoute.set(tx.route, r);
    }
    const routes: UrlRow[] = [...byRoute.entries()]
      .map(([route, r]) => ({
        route,
        requests: r.requests,
        errors: r.errors,
        avgMs: Math.round(r.sumMs / r.requests),
        lastSeen: new Date(r.last).toISOString(),
      }))
      .sort((a, b) => b.requests - a.requests);
    const caveats = ['the user id is the authenticated id (enduser.id); requests before sign-in carry no id'];
    if (txs.length === 0)
      caveats.push(
        `no requests of ${input.userId} stored in this period (raw transactions are kept 8 days by default)`,
      );
    if (page.truncated) caveats.push(`read the first ${txs.length} requests only`);
    return {
      data: { userId: input.userId, requests: txs.length, matched: page.matched, truncated: page.truncated, routes },
      evidence: log.items,
      caveats,
    };
  },
});
