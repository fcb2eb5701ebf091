/**
 * Servers needed: the observed CCU peak (or a stated target), the forecast peak of the next week, the
 * capacity one server carries (configured, or learnt from history where CPU bends), and the
 * recommendation with the thresholds that would change it.
 */
import { z } from 'zod';
import { fitCapacityKnee, type LoadSample } from '../../analysis/capacity/capacity-knee.js';
import { recommendCapacity, type CapacityRecommendation } from '../../analysis/capacity/recommend-capacity.js';
import type { Estimate } from '../../analysis/compare/measured-change.js';
import { forecastSeries } from '../../analysis/forecast/forecast-series.js';
import { HOUR_MS, type SeriesPoint } from '../../analysis/series/series.js';
import { seriesStats } from '../../analysis/stats/series-stats.js';
import { readSeries } from './read-series.js';
import { EvidenceLog, modeCaveat, ms, rangeSchema } from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface CapacityData {
  servers: number;
  /** Where the server count came from. */
  serversFrom: 'question' | 'instances';
  observedPeak: SeriesPoint | null;
  targetUsers: number | null;
  forecastPeak: Estimate | null;
  capacityPerServer: number | null;
  capacityFrom: 'config' | 'learnt' | null;
  recommendation: CapacityRecommendation | null;
}

const WEEK_HOURS = 24 * 7;

export const capacityTool = defineTool({
  name: 'capacity',
  description: 'Servers needed for the observed peak, the forecast peak or a target number of concurrent users',
  input: z
    .object({
      range: rangeSchema,
      targetUsers: z.number().positive().max(1e9).optional(),
      servers: z.number().int().positive().max(100_000).optional(),
    })
    .strict(),
  async run(ctx, input) {
    const log = new EvidenceLog('capacity');
    const mode = ctx.modes[0] ?? 'ip';
    const caveats = [modeCaveat(mode)];
    const from = ms(input.range.from);
    const to = ms(input.range.to);
    const ccu = await readSeries(ctx, log, { metric: 'ccu', from, to, step: '1h', mode });
    const peak = seriesStats(ccu.points).max;
    const live = ctx.collector.liveSnapshot();
    const servers = input.servers ?? Math.max(1, live.instances.length);
    log.add({
      layer: 'live-collector',
      call: 'collector.liveSnapshot()',
      description: `instances reporting now (${live.instances.length})`,
      from: live.at,
      to: live.at,
      rows: live.instances.length,
    });
    let forecastPeak: Estimate | null = null;
    if (input.targetUsers === undefined && ccu.points.length >= 2 * 24) {
      try {
        const f = forecastSeries(ccu.points, { horizon: WEEK_HOURS, stepMs: HOUR_MS });
        const top = f.points.reduce<SeriesPoint | null>((a, p) => (a === null || p.value > a.value ? p : a), null);
        if (top) forecastPeak = { value: top.value, ...(top.high === undefined ? {} : { high: top.high }) };
        caveats.push('forecast: next 7 days of hourly peaks (Holt-Winters with seasonal naive), 95 % interval');
      } catch {
        caveats.push('not enough regular history for a forecast: planned on the observed peak');
      }
    }
    let capacityPerServer = ctx.capacity.capacityPerServer ?? null;
    let capacityFrom: CapacityData['capacityFrom'] = capacityPerServer === null ? null : 'config';
    if (capacityPerServer === null) {
      const cpu = await readSeries(ctx, log, { metric: 'cpu', from, to, step: '1h' });
      const cpuAt = new Map(cpu.points.map((p) => [p.t, p.value]));
      const samples: LoadSample[] = ccu.points
        .filter((p) => cpuAt.has(p.t))
        .map((p) => ({ t: p.t, ccuPerServer: p.value / servers, cpu: cpuAt.get(p.t) as number }));
      const knee = fitCapacityKnee(samples);
      if (knee.capacityPerServer !== null) {
        capacityPerServer = knee.capacityPerServer;
        capacityFrom = 'learnt';
        caveats.push(
          `capacity per server learnt from history (${knee.limitedBy ?? 'cpu'}, ${knee.basis ?? 'observed'}): set it in the configuration to override`,
        );
      } else {
        caveats.push('no CPU history to learn the capacity of one server: configure capacityPerServer');
      }
    }
    const currentPeak: Estimate | null = input.targetUsers !== undefined ? { value: input.targetUsers } : peak;
    let recommendation: CapacityRecommendation | null = null;
    if (capacityPerServer !== null && currentPeak !== null) {
      recommendation = recommendCapacity({
        servers,
        capacityPerServer,
        targetUtilisation: ctx.capacity.targetUtilisation,
        headroom: ctx.capacity.headroom,
        currentPeak,
        ...(forecastPeak ? { forecastPeak } : {}),
      });
    } else if (currentPeak === null) {
      caveats.push('no CCU history in this period to plan from');
    }
    return {
      data: {
        servers,
        serversFrom: input.servers === undefined ? 'instances' : 'question',
        observedPeak: peak,
        targetUsers: input.targetUsers ?? null,
        forecastPeak,
        capacityPerServer,
        capacityFrom,
        recommendation,
      },
      evidence: log.items,
      caveats,
    };
  },
});
