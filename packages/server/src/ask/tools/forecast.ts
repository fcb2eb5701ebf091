/**
 * Concurrent users ahead: hourly CCU peaks forecast from the period's history (Holt-Winters combined
 * with seasonal naive, daily and weekly cycles), each point with its prediction interval.
 */
import { z } from 'zod';
import { forecastSeries } from '../../analysis/forecast/forecast-series.js';
import { HOUR_MS, type SeriesPoint } from '../../analysis/series/series.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { readSeries } from './read-series.js';
import { EvidenceLog, instanceSchema, modeCaveat, modeOf, modeSchema, ms, rangeSchema } from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface ForecastData {
  mode: string;
  /** History points the model was fitted on. */
  history: number;
  points: SeriesPoint[];
  peak: SeriesPoint | null;
  coverage: number;
}

export const forecastTool = defineTool({
  name: 'forecast',
  description: 'Hourly concurrent-user peaks forecast from a history period, with 95 % prediction intervals',
  input: z
    .object({
      range: rangeSchema,
      horizonHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 31)
        .optional(),
      instance: instanceSchema.optional(),
      mode: modeSchema.optional(),
    })
    .strict(),
  async run(ctx, input) {
    const log = new EvidenceLog('forecast');
    const mode = modeOf(ctx, input.mode);
    const s = await readSeries(ctx, log, {
      metric: 'ccu',
      from: ms(input.range.from),
      to: ms(input.range.to),
      step: '1h',
      instance: input.instance,
      mode,
    });
    if (s.points.length < 48)
      throw new PromptOpsError(
        'invalid_parameter',
        `a forecast needs at least two days of hourly history; the period holds ${s.points.length} hours`,
      );
    const f = forecastSeries(s.points, { horizon: input.horizonHours ?? 24 * 7, stepMs: HOUR_MS });
    const peak = f.points.reduce<SeriesPoint | null>((a, p) => (a === null || p.value > a.value ? p : a), null);
    return {
      data: { mode, history: s.points.length, points: f.points, peak, coverage: f.model.coverage },
      evidence: log.items,
      caveats: [
        modeCaveat(mode),
        `model: ${f.model.method}, cycles ${f.model.periods.join(', ')} h; intervals cover ${Math.round(f.model.coverage * 100)} %`,
      ],
    };
  },
});
