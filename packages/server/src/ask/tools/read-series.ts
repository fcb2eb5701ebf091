/**
 * Reads a metric series for a range at a step that fits it (finer for short ranges, hourly for long
 * ones; daily steps are hourly rows re-bucketed on local midnights), converted to the analyses' epoch
 * series, with one evidence line saying which call produced it.
 */
import type { SeriesMetric } from '../../collector/collector-types.js';
import type { UserKeyMode } from '../../model/transaction.js';
import type { RollupLevel } from '../../rollup/rollup-row.js';
import { bucketSeries, DAY_MS, HOUR_MS, type SeriesPoint } from '../../analysis/series/series.js';
import { callOf, HLL_ERROR_BAND, zoneOffsetMinutes, type EvidenceLog } from './tool-support.js';
import type { ToolContext } from './tool-types.js';

export type AskStep = RollupLevel | '1d';

/** Rollup step used when none was asked for: at most a few hundred points. */
export function stepForSpan(spanMs: number): RollupLevel {
  if (spanMs <= 6 * HOUR_MS) return '1m';
  if (spanMs <= 3 * DAY_MS) return '5m';
  return '1h';
}

const STEP_MS: Record<AskStep, number> = { '2s': 2_000, '1m': 60_000, '5m': 300_000, '1h': HOUR_MS, '1d': DAY_MS };

export function stepMs(step: AskStep): number {
  return STEP_MS[step];
}

export interface ReadSeries {
  points: SeriesPoint[];
  step: AskStep;
  evidenceId: string;
}

export async function readSeries(
  ctx: ToolContext,
  log: EvidenceLog,
  q: { metric: SeriesMetric; from: number; to: number; step?: AskStep; instance?: string; mode?: UserKeyMode },
): Promise<ReadSeries> {
  const step = q.step ?? stepForSpan(q.to - q.from);
  const level: RollupLevel = step === '1d' ? '1h' : step;
  const res = await ctx.collector.series({
    metric: q.metric,
    step: level,
    from: q.from,
    to: q.to,
    ...(q.instance === undefined ? {} : { instance: q.instance }),
    ...(q.mode === undefined ? {} : { mode: q.mode }),
  });
  let points: SeriesPoint[] = res.points.map((p) => ({
    t: Date.parse(p.t),
    value: p.value,
    ...(p.low === undefined ? {} : { low: p.low }),
    ...(p.high === undefined ? {} : { high: p.high }),
  }));
  const sketch = q.metric === 'ccu' || q.metric === 'visitors';
  const evidenceId = log.add({
    layer: 'history-rollups',
    call: callOf('collector.series', {
      metric: q.metric,
      step: level,
      from: new Date(q.from).toISOString(),
      to: new Date(q.to).toISOString(),
      instance: q.instance,
      mode: q.mode,
    }),
    description: `${q.metric} per ${level} bucket${q.instance ? ` on ${q.instance}` : ', all instances'}${sketch ? ' (bucket peak)' : ''}`,
    from: q.from,
    to: q.to,
    rows: points.length,
    ...(sketch ? { errorBand: HLL_ERROR_BAND } : {}),
  });
  if (step === '1d') {
    const offset = -zoneOffsetMinutes(ctx.timeZone, q.from) * 60_000;
    points = bucketSeries(points, DAY_MS, q.metric === 'ccu' ? 'max' : 'sum', offset);
  }
  return { points, step, evidenceId };
}
