/** Peak, minimum, average and percentiles of concurrent users over a period (from bucket peaks). */
import { z } from 'zod';
import { seriesStats } from '../../analysis/stats/series-stats.js';
import type { SeriesPoint } from '../../analysis/series/series.js';
import { readSeries, type AskStep } from './read-series.js';
import { EvidenceLog, instanceSchema, modeCaveat, modeOf, modeSchema, ms, rangeSchema } from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface CcuStatsData {
  mode: string;
  step: AskStep;
  count: number;
  max: SeriesPoint | null;
  min: SeriesPoint | null;
  avg: number | null;
  p95: number | null;
  /** Evidence id of the series behind the figures. */
  evidenceId: string;
}

export const ccuStatsTool = defineTool({
  name: 'ccu_stats',
  description: 'Peak (with when), minimum, average and p95 of concurrent users over a period',
  input: z
    .object({
      range: rangeSchema,
      instance: instanceSchema.optional(),
      modes: z.array(modeSchema).min(1).max(4).optional(),
    })
    .strict(),
  async run(ctx, input) {
    const log = new EvidenceLog('ccu_stats');
    const modes = (input.modes ?? [ctx.modes[0] ?? 'ip']).map((m) => modeOf(ctx, m));
    const out: CcuStatsData[] = [];
    for (const mode of modes) {
      const r = await readSeries(ctx, log, {
        metric: 'ccu',
        from: ms(input.range.from),
        to: ms(input.range.to),
        instance: input.instance,
        mode,
      });
      const s = seriesStats(r.points);
      out.push({
        mode,
        step: r.step,
        count: s.count,
        max: s.max,
        min: s.min,
        avg: s.count > 0 ? s.avg : null,
        p95: s.count > 0 ? (s.percentiles.find((p) => p.p === 95)?.value ?? null) : null,
        evidenceId: r.evidenceId,
      });
    }
    const caveats = modes.map(modeCaveat);
    if (out.every((s) => s.count === 0)) caveats.push('no stored data in this period');
    caveats.push('each bucket keeps the peak of the 2 s CCU gauge; min and average are of those bucket peaks');
    return { data: out, evidence: log.items, caveats };
  },
});
