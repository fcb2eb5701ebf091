/** Who is on now: signed-in users with a session active in the window, per instance (ids as stored). */
import { z } from 'zod';
import { callOf, EvidenceLog, instanceSchema, instantSchema, isLive, ms } from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface CurrentUserRow {
  userId: string;
  instance: string;
  sessions: number;
  transactions: number;
  lastSeen: string;
}

const MAX_ROWS = 50_000;

export const currentUsersTool = defineTool({
  name: 'current_users',
  description:
    'Signed-in users active in the window now (or at an instant): id, instance, sessions, requests, last seen',
  input: z
    .object({
      at: instantSchema.optional(),
      instance: instanceSchema.optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  async run(ctx, input) {
    const at = input.at === undefined ? ctx.now : Math.min(ms(input.at), ctx.now);
    const from = at - ctx.windowSeconds * 1000;
    const log = new EvidenceLog('current_users');
    const sessions = await ctx.collector.sessions({
      from,
      to: at,
      activeOnly: true,
      limit: MAX_ROWS,
      ...(input.instance === undefined ? {} : { instance: input.instance }),
    });
    log.add({
      layer: isLive(ctx, at) ? 'live-session-store' : 'raw-transactions',
      call: callOf('collector.sessions', {
        from: new Date(from).toISOString(),
        to: new Date(at).toISOString(),
        activeOnly: true,
        instance: input.instance,
      }),
      description: `sessions active in the ${ctx.windowSeconds} s window`,
      from,
      to: at,
      rows: sessions.length,
    });
    const byUser = new Map<string, CurrentUserRow>();
    let anonymous = 0;
    for (const s of sessions) {
      if (s.userId === null) {
        anonymous++;
        continue;
      }
      const row = byUser.get(s.userId) ?? {
        userId: s.userId,
        instance: s.instance,
        sessions: 0,
        transactions: 0,
        lastSeen: '',
      };
      row.sessions++;
      row.transactions += s.transactions;
      const seen = new Date(s.lastSeen).toISOString();
      if (seen > row.lastSeen) {
        row.lastSeen = seen;
        row.instance = s.instance;
      }
      byUser.set(s.userId, row);
    }
    const users = [...byUser.values()].sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
    const caveats = ['lists signed-in users (mode user) only; anonymous sessions are counted, not listed'];
    if (sessions.length >= MAX_ROWS) caveats.push(`read the first ${MAX_ROWS} sessions only`);
    return {
      data: {
        at: new Date(at).toISOString(),
        signedIn: users.length,
        anonymousSessions: anonymous,
        users: users.slice(0, input.limit ?? 50),
      },
      evidence: log.items,
      caveats,
    };
  },
});
