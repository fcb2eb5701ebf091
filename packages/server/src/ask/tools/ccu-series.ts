/** Concurrent users over a period (bucket peaks with their error band), total or one instance, per mode. */
import { z } from 'zod';
import type { SeriesPoint } from '../../analysis/series/series.js';
import { readSeries, type AskStep } from './read-series.js';
import { EvidenceLog, instanceSchema, modeCaveat, modeOf, modeSchema, ms, rangeSchema } from './tool-support.js';
import { defineTool } from './tool-types.js';

export const askStepSchema = z.enum(['1m', '5m', '1h', '1d']).describe('bucket width (default: fits the range)');

export interface CcuSeriesData {
  step: AskStep;
  series: { mode: string; points: SeriesPoint[] }[];
}

export const ccuSeriesTool = defineTool({
  name: 'ccu_series',
  description: 'Concurrent users over a period: the peak of each bucket with its error band',
  input: z
    .object({
      range: rangeSchema,
      step: askStepSchema.optional(),
      instance: instanceSchema.optional(),
      modes: z.array(modeSchema).min(1).max(4).optional(),
    })
    .strict(),
  async run(ctx, input) {
    const log = new EvidenceLog('ccu_series');
    const modes = (input.modes ?? [ctx.modes[0] ?? 'ip']).map((m) => modeOf(ctx, m));
    const series: CcuSeriesData['series'] = [];
    let step: AskStep = input.step ?? '1h';
    for (const mode of modes) {
      const r = await readSeries(ctx, log, {
        metric: 'ccu',
        from: ms(input.range.from),
        to: ms(input.range.to),
        step: input.step,
        instance: input.instance,
        mode,
      });
      step = r.step;
      series.push({ mode, points: r.points });
    }
    const caveats = modes.map(modeCaveat);
    if (series.every((s) => s.points.length === 0)) caveats.push('no stored data in this period');
    return { data: { step, series }, evidence: log.items, caveats };
  },
});
