/** Sessions still active that have lasted at least a given time: who has been on for hours (bots, stuck tabs). */
import { z } from 'zod';
import { callOf, EvidenceLog, instantSchema, isLive, ms } from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface LongSessionRow {
  sessionId: string;
  instance: string;
  userId: string | null;
  userAgent: string | null;
  durationMinutes: number;
  transactions: number;
  firstSeen: string;
}

const LOOKBACK_MS = 24 * 3_600_000;
const MAX_ROWS = 50_000;

export const longSessionsTool = defineTool({
  name: 'long_sessions',
  description: 'Sessions active now (or at an instant) that started at least minDurationMs earlier, longest first',
  input: z
    .object({
      at: instantSchema.optional(),
      minDurationMs: z
        .number()
        .int()
        .positive()
        .max(7 * 86_400_000)
        .optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  async run(ctx, input) {
    const at = input.at === undefined ? ctx.now : Math.min(ms(input.at), ctx.now);
    const min = input.minDurationMs ?? 3_600_000;
    const log = new EvidenceLog('long_sessions');
    const sessions = await ctx.collector.sessions({
      from: at - LOOKBACK_MS,
      to: at,
      activeOnly: true,
      limit: MAX_ROWS,
    });
    log.add({
      layer: isLive(ctx, at) ? 'live-session-store' : 'raw-transactions',
      call: callOf('collector.sessions', {
        from: new Date(at - LOOKBACK_MS).toISOString(),
        to: new Date(at).toISOString(),
        activeOnly: true,
      }),
      description: 'active sessions of the last 24 h with their first and last activity',
      from: at - LOOKBACK_MS,
      to: at,
      rows: sessions.length,
    });
    const long: LongSessionRow[] = sessions
      .filter((s) => s.lastSeen - s.firstSeen >= min)
      .sort((a, b) => b.lastSeen - b.firstSeen - (a.lastSeen - a.firstSeen))
      .map((s) => ({
        sessionId: s.sessionId,
        instance: s.instance,
        userId: s.userId,
        userAgent: s.userAgent,
        durationMinutes: Math.round((s.lastSeen - s.firstSeen) / 60_000),
        transactions: s.transactions,
        firstSeen: new Date(s.firstSeen).toISOString(),
      }));
    const caveats = [
      'duration = first to last activity seen by the collector (a session opened before the data starts looks shorter)',
    ];
    if (sessions.length >= MAX_ROWS) caveats.push(`read the first ${MAX_ROWS} sessions only`);
    return {
      data: {
        at: new Date(at).toISOString(),
        minDurationMs: min,
        active: sessions.length,
        count: long.length,
        sessions: long.slice(0, input.limit ?? 50),
      },
      evidence: log.items,
      caveats,
    };
  },
});
