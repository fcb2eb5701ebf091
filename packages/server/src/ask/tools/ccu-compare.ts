/**
 * Concurrent users of a period against a baseline period of the same length (yesterday, last week, last
 * year…): both peaks with their bands and the measured change — "no measurable change" when the bands
 * cover it. When the subject period reaches now, its end is read from live rollups and the answer says so.
 */
import { z } from 'zod';
import { measuredChange, type MeasuredChange } from '../../analysis/compare/measured-change.js';
import { seriesStats } from '../../analysis/stats/series-stats.js';
import type { SeriesPoint } from '../../analysis/series/series.js';
import { readSeries, stepForSpan, type AskStep } from './read-series.js';
import {
  EvidenceLog,
  instanceSchema,
  isLive,
  modeCaveat,
  modeOf,
  modeSchema,
  ms,
  rangeSchema,
} from './tool-support.js';
import { defineTool } from './tool-types.js';

export interface ComparedPeriod {
  from: string;
  to: string;
  peak: SeriesPoint | null;
  avg: number | null;
  points: SeriesPoint[];
  evidenceId: string;
}

export interface CcuCompareData extends Partial<MeasuredChange> {
  mode: string;
  step: AskStep;
  aggregate: 'max' | 'avg';
  current: ComparedPeriod;
  baseline: ComparedPeriod;
  /** True when the subject period reaches now (its last buckets are still filling). */
  includesLive: boolean;
}

export const ccuCompareTool = defineTool({
  name: 'ccu_compare',
  description:
    'Concurrent users of a period against a baseline period: both peaks (or averages), the change and whether it is measurable',
  input: z
    .object({
      range: rangeSchema,
      baseline: rangeSchema,
      aggregate: z.enum(['max', 'avg']).optional(),
      instance: instanceSchema.optional(),
      mode: modeSchema.optional(),
    })
    .strict(),
  async run(ctx, input) {
    const log = new EvidenceLog('ccu_compare');
    const mode = modeOf(ctx, input.mode);
    const how = input.aggregate ?? 'max';
    const span = ms(input.range.to) - ms(input.range.from);
    const read = async (r: { from: string; to: string }, step: AskStep): Promise<ComparedPeriod> => {
      const s = await readSeries(ctx, log, {
        metric: 'ccu',
        from: ms(r.from),
        to: ms(r.to),
        step,
        instance: input.instance,
        mode,
      });
      const st = seriesStats(s.points);
      return {
        from: r.from,
        to: r.to,
        peak: st.max,
        avg: st.count ? st.avg : null,
        points: s.points,
        evidenceId: s.evidenceId,
      };
    };
    let step: AskStep = stepForSpan(span);
    let current = await read(input.range, step);
    let baseline = await read(input.baseline, step);
    // Finer levels are kept for days, hourly rows for a year: an older baseline is compared hour by hour,
    // both sides at the same step so peaks are like for like.
    if ((current.points.length === 0 || baseline.points.length === 0) && step !== '1h') {
      step = '1h';
      current = await read(input.range, step);
      baseline = await read(input.baseline, step);
    }
    const caveats = [modeCaveat(mode)];
    const includesLive = isLive(ctx, ms(input.range.to));
    if (includesLive)
      caveats.push(
        'the current period reaches now: its last bucket is still filling (live rollups), the baseline is from history',
      );
    const estimate = (p: ComparedPeriod) =>
      how === 'max'
        ? p.peak
        : p.avg === null
          ? null
          : { value: p.avg, low: p.avg * (1 - 0.0081), high: p.avg * (1 + 0.0081) };
    const a = estimate(current);
    const b = estimate(baseline);
    let change: Partial<MeasuredChange> = {};
    if (a && b) {
      change = measuredChange(a, b);
      if (change.verdict === 'no_measurable_change')
        caveats.push("no measurable change: the difference is within the sketches' combined error band");
    } else {
      caveats.push(`${a ? 'the baseline' : 'the current'} period has no stored data, so there is nothing to compare`);
    }
    return {
      data: { mode, step, aggregate: how, current, baseline, includesLive, ...change },
      evidence: log.items,
      caveats,
    };
  },
});
