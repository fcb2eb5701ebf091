/**
 * Forecast of the next hours or days of a metric (CCU, requests…) with prediction intervals: double-seasonal
 * Holt-Winters (daily and weekly cycles for hourly data, weekly for daily data) fitted on a grid by one-step
 * SSE, by default averaged with the seasonal-naive forecast of the longest cycle (the combination beat both
 * parts in the back-test, see BENCHMARKS.md). Returns the points, the model and the evidence.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { Evidence } from '../evidence.js';
import { seriesEvidence } from '../evidence.js';
import { regularizeSeries } from '../series/regularize-series.js';
import type { Series, SeriesPoint } from '../series/series.js';
import { DAY_MS, HOUR_MS, WEEK_MS } from '../series/series.js';
import { normalQuantile } from './normal-quantile.js';
import type { ForecastTransform } from './fit-holt-winters.js';
import { fitHoltWinters, fromModelScale, toModelScale } from './fit-holt-winters.js';
import { combineWithSeasonalNaive } from './combined-forecast.js';
import { empiricalHalfWidth } from './empirical-interval.js';
import type { HoltWintersParams } from './holt-winters.js';
import { forecastFromState, horizonSpread } from './holt-winters.js';

export interface ForecastOptions {
  /** Steps ahead to forecast. */
  horizon: number;
  /** Step of the series in ms (default: inferred from the median gap). */
  stepMs?: number;
  /** Seasonal periods in steps (default: day and week that fit the step and the history). */
  periods?: number[];
  /** Central coverage of the prediction interval (default 0.95). */
  coverage?: number;
  /** Scales tried for the model (default both). */
  transforms?: ForecastTransform[];
  /** 'combined' (default): mean of Holt-Winters and seasonal-naive; 'holt-winters': the model alone. */
  method?: ForecastMethod;
}

export type ForecastMethod = 'combined' | 'holt-winters';

export interface ForecastResult {
  /** Forecast points: `value` is the point forecast, `low`/`high` the prediction interval. */
  points: SeriesPoint[];
  model: {
    method: ForecastMethod;
    periods: number[];
    params: HoltWintersParams;
    transform: ForecastTransform;
    /** Standard deviation of one-step errors on the model scale. */
    sigma: number;
    coverage: number;
    parameterSetsTried: number;
    /** Horizons whose interval width was measured from rolling-origin errors (the rest: closed form). */
    empiricalHorizons: number;
  };
  evidence: Evidence[];
}

export function inferStep(series: Series): number {
  const gaps: number[] = [];
  for (let i = 1; i < series.length; i++) gaps.push((series[i] as SeriesPoint).t - (series[i - 1] as SeriesPoint).t);
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1] ?? HOUR_MS;
}

/** Day and week cycles in steps, kept only when the history holds at least two of them. */
export function defaultPeriods(stepMs: number, historySteps: number): number[] {
  return [DAY_MS, WEEK_MS]
    .filter((c) => c % stepMs === 0 && c / stepMs > 1)
    .map((c) => c / stepMs)
    .filter((m) => historySteps >= 2 * m);
}

export function forecastSeries(series: Series, options: ForecastOptions): ForecastResult {
  if (series.length < 3 || !(options.horizon >= 1)) {
    throw new PromptOpsError(
      'invalid_parameter',
      `a forecast needs at least 3 points of history and a horizon ≥ 1 (got ${series.length} points, horizon ${options.horizon})`,
    );
  }
  const stepMs = options.stepMs ?? inferStep(series);
  const coverage = options.coverage ?? 0.95;
  const reg = regularizeSeries(series, stepMs, 0);
  const periods = options.periods ?? defaultPeriods(stepMs, reg.values.length);
  const regFilled = regularizeSeries(series, stepMs, Math.max(0, ...periods));
  const fit = fitHoltWinters(regFilled.values, periods, options.transforms);
  const method = options.method ?? 'combined';
  const modelPoint = forecastFromState(fit.run.state, fit.params.phi, options.horizon);
  // Combine on the model scale so the interval below stays centred on the point forecast.
  const point =
    method === 'combined'
      ? combineWithSeasonalNaive(
          modelPoint,
          regFilled.values.map((v) => toModelScale(fit.transform, v)),
          periods,
        )
      : modelPoint;
  const z = normalQuantile(0.5 + coverage / 2);
  const end = regFilled.start + (regFilled.values.length - 1) * stepMs;
  // Where the history allows, the width is measured: the spread of this very point forecast's h-step
  // errors from rolling origins (empirical-interval.ts says why the closed form is too wide for CCU).
  const measured = empiricalHalfWidth(
    regFilled.values.map((v) => toModelScale(fit.transform, v)),
    periods,
    fit.params,
    options.horizon,
    { combined: method === 'combined', coverage },
  );
  // Elsewhere, the Holt-Winters closed form around the point, widened by half the gap between the two
  // combined forecasts: the combination has no closed-form variance, and where its parts disagree it is
  // less sure.
  // Counts (users, requests) cannot go below zero: a symmetric band around a low point would say they can.
  const nonNegative = regFilled.values.every((v) => v >= 0);
  const points = point.map((v, k) => {
    const empirical = measured[k];
    const disagreement = method === 'combined' ? Math.abs((modelPoint[k] as number) - v) : 0;
    const spread = fit.sigma * horizonSpread(fit.params, periods, k + 1);
    const half =
      empirical !== null && empirical !== undefined
        ? empirical
        : z * Math.sqrt(spread * spread + disagreement * disagreement);
    const value = fromModelScale(fit.transform, v);
    return {
      t: end + (k + 1) * stepMs,
      value,
      low: nonNegative ? Math.max(0, fromModelScale(fit.transform, v - half)) : fromModelScale(fit.transform, v - half),
      high: fromModelScale(fit.transform, v + half),
    };
  });
  const evidence: Evidence[] = [
    seriesEvidence(series, `history the forecast was fitted on (${regFilled.filled.length} missing steps filled)`, {
      stepMs,
    }),
    {
      source: 'history',
      description: `${method === 'combined' ? 'Holt-Winters + seasonal-naive' : 'Holt-Winters'} forecast, ${options.horizon} steps, ${Math.round(coverage * 100)} % prediction interval`,
      range: { from: end + stepMs, to: end + (options.horizon + 1) * stepMs },
      rows: options.horizon,
    },
  ];
  return {
    points,
    model: {
      method,
      periods,
      params: fit.params,
      transform: fit.transform,
      sigma: fit.sigma,
      coverage,
      parameterSetsTried: fit.tried,
      empiricalHorizons: measured.filter((m) => m !== null).length,
    },
    evidence,
  };
}
