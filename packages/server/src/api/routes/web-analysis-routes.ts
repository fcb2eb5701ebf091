/**
 * Small JSON endpoints the dashboard's history view draws from, each a thin edge over an analysis:
 * `GET /api/v1/seasonality` (hour × weekday profile), `GET /api/v1/forecast` (the next steps with a
 * prediction band) and `GET /api/v1/anomalies` (points the streaming detector flags in a range).
 * Parameters are validated with zod (unknown ones rejected); every read is bounded in points.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import type { SeriesMetric } from '../../collector/collector-types.js';
import { SERIES_METRICS } from '../../collector/collector-types.js';
import { createMetricDetector, type DetectedMetric } from '../../analysis/anomaly/metric-detector.js';
import { forecastSeries } from '../../analysis/forecast/forecast-series.js';
import { hourOfWeekProfile } from '../../analysis/seasonality/hour-of-week.js';
import type { Series } from '../../analysis/series/series.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { USER_KEY_MODES } from '../../model/transaction.js';
import { LEVEL_MS, ROLLUP_LEVELS, type RollupLevel } from '../../rollup/rollup-row.js';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { parseQuery } from '../http/parse-query.js';
import { instantParam } from '../http/parse-time.js';
import { instanceParam, intParam, resolveRange } from '../http/query-params.js';
import { isTimeZone, zoneOffsetMinutes } from '../../time/zone-offset.js';

const DAY_MS = 86_400_000;
/** Fewer points than this make a forecast that is mostly noise; the answer is then empty with a reason. */
const MIN_FORECAST_POINTS = 24;
/** The detector's score from which a point is reported (its own alarm level). */
const ANOMALY_THRESHOLD = 0.5;
/** History a forecast is fitted on by default: long enough for its weekly (1h) or daily cycle. */
const FORECAST_HISTORY_MS: Record<RollupLevel, number> = {
  '2s': 3_600_000,
  '1m': 2 * DAY_MS,
  '5m': 14 * DAY_MS,
  '1h': 35 * DAY_MS,
};
/** How long the anomaly detector learns before the asked range (it scores nothing while learning). */
const DETECTOR_LEARN_MS: Record<RollupLevel, number> = {
  '2s': 3_600_000,
  '1m': DAY_MS,
  '5m': 2 * DAY_MS,
  '1h': 14 * DAY_MS,
};
const DETECTED: Record<SeriesMetric, DetectedMetric> = {
  ccu: 'ccu',
  visitors: 'ccu',
  transactions: 'ccu',
  errors: 'ccu',
  sessions: 'ccu',
  cpu: 'cpu',
  memory: 'memory',
};

const timeZoneParam = z.string().refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Seoul, UTC)');

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

export interface WebAnalysisOptions {
  /** Zone of the seasonality profile when the client gives none; default Asia/Seoul. */
  timeZone?: string;
}

export function registerWebAnalysisRoutes(app: Hono, ctx: ApiContext, options: WebAnalysisOptions = {}): void {
  const instant = instantParam(ctx.now);
  const maxPoints = ctx.limits.maxSeriesPoints;

  async function readSeries(
    metric: SeriesMetric,
    step: RollupLevel,
    from: number,
    to: number,
    instance?: string,
    mode?: (typeof USER_KEY_MODES)[number],
  ): Promise<Series> {
    const points = Math.ceil((to - from) / LEVEL_MS[step]);
    if (points > maxPoints)
      throw new PromptOpsError(
        'range_too_large',
        `${points} points at step ${step}; at most ${maxPoints}: use a coarser step or a shorter range`,
      );
    const s = await ctx.collector.series({ metric, step, from, to, instance, mode });
    return s.points.map((p) => ({ t: Date.parse(p.t), value: p.value, low: p.low, high: p.high }));
  }

  const seasonalityQuery = z.object({
    metric: z.enum(SERIES_METRICS).optional(),
    weeks: intParam(1, 60).optional(),
    tz: timeZoneParam.optional(),
    instance: instanceParam.optional(),
    mode: z.enum(USER_KEY_MODES).optional(),
  });
  app.get('/api/v1/seasonality', async (c) => {
    const q = parseQuery(new URL(c.req.url), seasonalityQuery);
    const metric = q.metric ?? 'ccu';
    const weeks = q.weeks ?? 8;
    const timeZone = q.tz ?? options.timeZone ?? 'Asia/Seoul';
    const to = ctx.now();
    const from = to - weeks * 7 * DAY_MS;
    const series = await readSeries(metric, '1h', from, to, q.instance, q.mode);
    const profile = hourOfWeekProfile(series, { tzOffsetMinutes: zoneOffsetMinutes(timeZone, to) });
    return c.json({
      metric,
      timeZone,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      weeksCovered: Math.round(profile.weeksCovered * 100) / 100,
      cells: profile.cells.map((cell) => ({
        weekday: cell.weekday,
        hour: cell.hour,
        mean: finiteOrNull(cell.mean),
        p90: finiteOrNull(cell.p90),
        max: finiteOrNull(cell.max),
        count: cell.count,
      })),
    });
  });
  guardMethods(app, '/api/v1/seasonality', ['GET', 'HEAD']);

  const forecastQuery = z.object({
    metric: z.enum(SERIES_METRICS).optional(),
    step: z.enum(['1m', '5m', '1h']).optional(),
    horizon: intParam(1, 1000).optional(),
    instance: instanceParam.optional(),
    mode: z.enum(USER_KEY_MODES).optional(),
  });
  app.get('/api/v1/forecast', async (c) => {
    const q = parseQuery(new URL(c.req.url), forecastQuery);
    const metric = q.metric ?? 'ccu';
    const step = q.step ?? '1h';
    const stepMs = LEVEL_MS[step];
    const horizon = q.horizon ?? Math.max(1, Math.round(DAY_MS / stepMs / (step === '1m' ? 4 : 1)));
    const to = Math.floor(ctx.now() / stepMs) * stepMs;
    const history = await readSeries(metric, step, to - FORECAST_HISTORY_MS[step], to, q.instance, q.mode);
    // Too little history is a normal state (a new install), not an error: an empty forecast says why.
    if (history.length < MIN_FORECAST_POINTS)
      return c.json({
        metric,
        step,
        horizon,
        historyPoints: history.length,
        reason: `not enough ${metric} history at step ${step} to forecast (${history.length} points, at least ${MIN_FORECAST_POINTS} needed)`,
        points: [],
      });
    const result = forecastSeries(history, { horizon, stepMs });
    return c.json({
      metric,
      step,
      horizon,
      historyPoints: history.length,
      model: { method: result.model.method, coverage: result.model.coverage, periods: result.model.periods },
      points: result.points.map((p) => ({
        t: new Date(p.t).toISOString(),
        value: Math.max(0, p.value),
        low: Math.max(0, p.low ?? p.value),
        high: p.high ?? p.value,
      })),
    });
  });
  guardMethods(app, '/api/v1/forecast', ['GET', 'HEAD']);

  const anomaliesQuery = z.object({
    metric: z.enum(SERIES_METRICS).optional(),
    from: instant.optional(),
    to: instant.optional(),
    step: z.enum(ROLLUP_LEVELS).optional(),
    instance: instanceParam.optional(),
    mode: z.enum(USER_KEY_MODES).optional(),
  });
  app.get('/api/v1/anomalies', async (c) => {
    const q = parseQuery(new URL(c.req.url), anomaliesQuery);
    const metric = q.metric ?? 'ccu';
    const range = resolveRange(q.from, q.to, ctx.now(), DAY_MS);
    const step = q.step ?? (range.to - range.from > 8 * DAY_MS ? '1h' : range.to - range.from > DAY_MS ? '5m' : '1m');
    const stepMs = LEVEL_MS[step];
    const learnMs = DETECTOR_LEARN_MS[step];
    const series = await readSeries(metric, step, range.from - learnMs, range.to, q.instance, q.mode);
    const detector = createMetricDetector(DETECTED[metric], { stepMs, learnMs });
    const anomalies: { t: string; value: number; score: number }[] = [];
    for (const p of series) {
      const score = detector.update(p.t, p.value);
      if (p.t >= range.from && score >= ANOMALY_THRESHOLD)
        anomalies.push({ t: new Date(p.t).toISOString(), value: p.value, score: Math.round(score * 1000) / 1000 });
    }
    return c.json({
      metric,
      step,
      from: new Date(range.from).toISOString(),
      to: new Date(range.to).toISOString(),
      threshold: ANOMALY_THRESHOLD,
      learnedFrom: new Date(range.from - learnMs).toISOString(),
      anomalies,
    });
  });
  guardMethods(app, '/api/v1/anomalies', ['GET', 'HEAD']);
}
