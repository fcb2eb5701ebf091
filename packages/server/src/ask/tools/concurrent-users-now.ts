/**
 * Concurrent users now (live 2 s sketches of the active window) or at a past instant (stored sketches),
 * total and per instance, in one identification mode or several side by side.
 */
import { z } from 'zod';
import type { CcuEstimate } from '../../collector/collector-types.js';
import type { UserKeyMode } from '../../model/transaction.js';
import {
  callOf,
  EvidenceLog,
  HLL_ERROR_BAND,
  instanceSchema,
  instantSchema,
  isLive,
  modeCaveat,
  modeOf,
  modeSchema,
  ms,
} from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface CcuByMode {
  mode: UserKeyMode;
  total: CcuEstimate;
  instances: (CcuEstimate & { instance: string })[];
}

export interface ConcurrentUsersNowData {
  at: string;
  windowSeconds: number;
  live: boolean;
  /** The first entry is the asked (or default) mode. */
  modes: CcuByMode[];
}

export const concurrentUsersNowTool = defineTool({
  name: 'concurrent_users_now',
  description:
    'Real concurrent users (distinct user keys active in the window) now or at an instant, total and per instance',
  input: z
    .object({
      at: instantSchema.optional(),
      instance: instanceSchema.optional(),
      modes: z.array(modeSchema).min(1).max(4).optional(),
    })
    .strict(),
  async run(ctx, input) {
    const at = input.at === undefined ? ctx.now : Math.min(ms(input.at), ctx.now);
    const live = isLive(ctx, at);
    const modes = (input.modes ?? [ctx.modes[0] ?? 'ip']).map((m) => modeOf(ctx, m));
    const log = new EvidenceLog('concurrent_users_now');
    const out: CcuByMode[] = [];
    let answeredAt = new Date(at).toISOString();
    let windowSeconds = ctx.windowSeconds;
    for (const mode of modes) {
      const r = await ctx.collector.concurrentUsers({
        ...(live ? {} : { at }),
        mode,
        ...(input.instance === undefined ? {} : { instance: input.instance }),
      });
      answeredAt = r.at;
      windowSeconds = r.windowSeconds;
      out.push({ mode, total: { value: r.value, low: r.low, high: r.high }, instances: r.instances });
      log.add({
        layer: live ? 'live-collector' : 'history-rollups',
        call: callOf('collector.concurrentUsers', { at: live ? undefined : r.at, mode, instance: input.instance }),
        description: `distinct ${mode} keys active in the ${r.windowSeconds} s window ending ${r.at}, ${live ? 'merged live 2 s sketches' : 'stored sketches'}`,
        from: Date.parse(r.at) - r.windowSeconds * 1000,
        to: Date.parse(r.at),
        rows: 1 + r.instances.length,
        errorBand: HLL_ERROR_BAND,
      });
    }
    const caveats = modes.map(modeCaveat);
    if (out.every((m) => m.total.value === 0))
      caveats.push(
        `no transactions in the window at ${answeredAt}: zero means no data reached the collector, not necessarily no users`,
      );
    return { data: { at: answeredAt, windowSeconds, live, modes: out }, evidence: log.items, caveats };
  },
});
