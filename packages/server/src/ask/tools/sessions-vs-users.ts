/**
 * Active sessions against real concurrent users, per server: the product's headline gap. Sessions come
 * from the session store gauge (live) or the sessions rollup (past); CCU from the sketches. The gap is
 * explained from the session records of the last session lifetime: idle or abandoned sessions (not
 * seen in the active window), bot sessions, and people holding more than one session.
 */
import { z } from 'zod';
import type { SessionSummary } from '../../collector/collector-types.js';
import { TOTAL_INSTANCE } from '../../rollup/rollup-row.js';
import {
  callOf,
  EvidenceLog,
  HLL_ERROR_BAND,
  instantSchema,
  isLive,
  modeCaveat,
  modeOf,
  modeSchema,
  ms,
} from './tool-support.js';
import { defineTool } from './tool-types.js';

/** Crawler and monitoring user agents (the simulator's and the common real ones). */
const BOT_AGENT = /bot|crawl|spider|slurp|yeti|probe|monitor|curl|wget|python-requests|headless/i;
/** Sessions last seen within this span before `at` are read to explain the gap (a session lifetime). */
const SESSION_LOOKBACK_MS = 30 * 60_000;
const MAX_SESSION_ROWS = 50_000;
/** How far back the sessions rollup is read for the latest gauge. */
const SESSION_GAUGE_LOOKBACK_MS = 10 * 60_000;

export interface SessionGapRow {
  instance: string;
  /** Active sessions in the session store; null when no session gauge reached the collector. */
  sessions: number | null;
  ccu: number;
  ccuLow: number;
  ccuHigh: number;
  /** sessions − ccu (null without a session figure). */
  gap: number | null;
  /** Sessions seen in the last lifetime, not seen in the active window: idle or abandoned. */
  idleSessions: number;
  /** Sessions seen in the active window with a crawler or monitor user agent. */
  botSessions: number;
  /** Extra sessions of signed-in users seen in the window (sessions − distinct users). */
  duplicateUserSessions: number;
  /** Sessions seen in the window with no signed-in user and no bot agent. */
  anonymousSessions: number;
}

export interface SessionsVsUsersData {
  at: string;
  live: boolean;
  mode: string;
  windowSeconds: number;
  total: SessionGapRow;
  servers: SessionGapRow[];
  /** Session records read to explain the gap (capped). */
  sessionRecords: number;
}

function explain(list: readonly SessionSummary[], windowStart: number) {
  let idle = 0;
  let bots = 0;
  let anonymous = 0;
  let signedIn = 0;
  const users = new Set<string>();
  for (const s of list) {
    if (s.state === 'ended') continue;
    if (s.lastSeen < windowStart) {
      idle++;
      continue;
    }
    if (BOT_AGENT.test(s.userAgent ?? '')) bots++;
    else if (s.userId === null) anonymous++;
    else {
      signedIn++;
      users.add(s.userId);
    }
  }
  return { idle, bots, anonymous, duplicates: signedIn - users.size };
}

export const sessionsVsUsersTool = defineTool({
  name: 'sessions_vs_users',
  description:
    'Active sessions versus real concurrent users per server, with the gap and what makes it up (idle, bot, duplicate sessions)',
  input: z.object({ at: instantSchema.optional(), mode: modeSchema.optional() }).strict(),
  async run(ctx, input) {
    const at = input.at === undefined ? ctx.now : Math.min(ms(input.at), ctx.now);
    const live = isLive(ctx, at);
    const mode = modeOf(ctx, input.mode);
    const log = new EvidenceLog('sessions_vs_users');
    const caveats = [modeCaveat(mode)];
    const ccu = await ctx.collector.concurrentUsers({ ...(live ? {} : { at }), mode });
    log.add({
      layer: live ? 'live-collector' : 'history-rollups',
      call: callOf('collector.concurrentUsers', { at: live ? undefined : ccu.at, mode }),
      description: `concurrent users (${mode}) per instance, ${ccu.windowSeconds} s window`,
      from: Date.parse(ccu.at) - ccu.windowSeconds * 1000,
      to: Date.parse(ccu.at),
      rows: 1 + ccu.instances.length,
      errorBand: HLL_ERROR_BAND,
    });
    const sessionsOf = new Map<string, number | null>();
    let fromLive = false;
    if (live) {
      const snap = ctx.collector.liveSnapshot();
      if (snap.total.activeSessions !== null) {
        fromLive = true;
        for (const i of snap.instances) sessionsOf.set(i.instance, i.activeSessions);
        sessionsOf.set(TOTAL_INSTANCE, snap.total.activeSessions);
        log.add({
          layer: 'live-session-store',
          call: 'collector.liveSnapshot()',
          description: 'latest active-sessions gauge per instance (session metrics and session events)',
          from: snap.at - ctx.windowSeconds * 1000,
          to: snap.at,
          rows: snap.instances.length,
        });
      }
    }
    if (!fromLive) {
      // A past instant, or a collector restarted since the last gauge: the sessions rollup keeps it.
      const from = at - SESSION_GAUGE_LOOKBACK_MS;
      const instances = ccu.instances.map((i) => i.instance);
      let rows = 0;
      for (const instance of [...instances, undefined]) {
        const s = await ctx.collector.series({ metric: 'sessions', step: '1m', from, to: at + 60_000, instance });
        const point = s.points.filter((p) => Date.parse(p.t) <= at).pop();
        rows += s.points.length;
        sessionsOf.set(instance ?? TOTAL_INSTANCE, point?.value ?? null);
      }
      log.add({
        layer: 'history-rollups',
        call: callOf('collector.series', {
          metric: 'sessions',
          step: '1m',
          from: new Date(from).toISOString(),
          to: ccu.at,
        }),
        description:
          'active sessions (max of the last 1 min bucket at or before the instant) per instance and in total',
        from,
        to: at + 60_000,
        rows,
      });
    }
    const windowStart = at - ctx.windowSeconds * 1000;
    const records = await ctx.collector.sessions({ from: at - SESSION_LOOKBACK_MS, to: at, limit: MAX_SESSION_ROWS });
    log.add({
      layer: live ? 'live-session-store' : 'raw-transactions',
      call: callOf('collector.sessions', {
        from: new Date(at - SESSION_LOOKBACK_MS).toISOString(),
        to: new Date(at).toISOString(),
        limit: MAX_SESSION_ROWS,
      }),
      description: 'session records (events and session ids on transactions) of the last 30 min, to explain the gap',
      from: at - SESSION_LOOKBACK_MS,
      to: at,
      rows: records.length,
    });
    if (records.length >= MAX_SESSION_ROWS)
      caveats.push(`the gap breakdown read the first ${MAX_SESSION_ROWS} session records only`);
    const row = (
      instance: string,
      est: { value: number; low: number; high: number },
      list: SessionSummary[],
    ): SessionGapRow => {
      const sessions = sessionsOf.get(instance) ?? null;
      const why = explain(list, windowStart);
      return {
        instance,
        sessions,
        ccu: est.value,
        ccuLow: est.low,
        ccuHigh: est.high,
        gap: sessions === null ? null : sessions - est.value,
        idleSessions: why.idle,
        botSessions: why.bots,
        duplicateUserSessions: why.duplicates,
        anonymousSessions: why.anonymous,
      };
    };
    const servers = ccu.instances.map((i) =>
      row(
        i.instance,
        i,
        records.filter((s) => s.instance === i.instance),
      ),
    );
    const total = row(TOTAL_INSTANCE, ccu, records);
    if (total.sessions === null)
      caveats.push(
        'no active-sessions figure reached the collector (no session metrics or session events): only CCU is measured',
      );
    return {
      data: {
        at: ccu.at,
        live,
        mode,
        windowSeconds: ccu.windowSeconds,
        total,
        servers,
        sessionRecords: records.length,
      },
      evidence: log.items,
      caveats,
    };
  },
});
