/**
 * Rolling-origin back-test: at each origin, fit on everything before it, forecast the next `horizon` steps
 * and score them; the model is refitted at every origin, so no future value leaks into a forecast. The
 * seasonal-naive forecasts are scored on the same origins in the same run. With `interval`, the product's
 * `forecastSeries` also runs at every origin and its prediction band is scored: the share of actuals inside.
 */
import type { ForecastTransform } from './fit-holt-winters.js';
import { fitHoltWinters, fromModelScale } from './fit-holt-winters.js';
import { mase, smape } from './forecast-accuracy.js';
import { forecastFromState } from './holt-winters.js';
import { combineWithSeasonalNaive } from './combined-forecast.js';
import { forecastSeries } from './forecast-series.js';
import { seasonalNaive } from './seasonal-naive.js';

export interface BacktestOptions {
  periods: number[];
  horizon: number;
  /** First origin (number of training steps). */
  firstOrigin: number;
  /** Steps between origins. */
  originStep: number;
  /** Season of the MASE scale (in-sample seasonal-naive MAE). */
  masePeriod: number;
  /** Seasonal-naive peers to score (periods in steps). */
  naivePeriods: number[];
  transforms?: ForecastTransform[];
  /** Score the prediction band of `forecastSeries` at this central coverage (e.g. 0.95); steps are `stepMs` apart. */
  interval?: { coverage: number; stepMs: number };
}

/** How often the actuals fell inside the prediction band claimed to hold `nominal` of them. */
export interface IntervalScore {
  nominal: number;
  inside: number;
  total: number;
  /** Median over forecast steps of the band width over the point forecast (how wide the claim is). */
  relativeWidth: number;
  /** 90th percentile of the same ratio: where the band stops saying anything. */
  relativeWidthP90: number;
}

export interface ModelScore {
  model: string;
  mase: number;
  smape: number;
}

export interface BacktestResult {
  origins: number;
  scores: ModelScore[];
  interval?: IntervalScore;
}

function quantileOf(xs: number[], q: number): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

export function rollingBacktest(values: readonly number[], o: BacktestOptions): BacktestResult {
  const sums = new Map<string, { mase: number; smape: number }>();
  const add = (model: string, m: number, s: number): void => {
    const cur = sums.get(model) ?? { mase: 0, smape: 0 };
    sums.set(model, { mase: cur.mase + m, smape: cur.smape + s });
  };
  let origins = 0;
  const band = o.interval ? { inside: 0, total: 0, widths: [] as number[] } : undefined;
  for (let origin = o.firstOrigin; origin + o.horizon <= values.length; origin += o.originStep) {
    const train = values.slice(0, origin);
    const actual = values.slice(origin, origin + o.horizon);
    if (o.interval && band) {
      const { stepMs, coverage } = o.interval;
      const series = train.map((value, i) => ({ t: i * stepMs, value }));
      const f = forecastSeries(series, {
        horizon: o.horizon,
        stepMs,
        periods: o.periods,
        coverage,
        transforms: o.transforms,
      });
      f.points.forEach((p, k) => {
        const a = actual[k] as number;
        band.total++;
        if (a >= (p.low ?? p.value) && a <= (p.high ?? p.value)) band.inside++;
        band.widths.push(((p.high ?? p.value) - (p.low ?? p.value)) / Math.max(Math.abs(p.value), 1e-9));
      });
    }
    const fit = fitHoltWinters(train, o.periods, o.transforms);
    const hw = forecastFromState(fit.run.state, fit.params.phi, o.horizon).map((v) => fromModelScale(fit.transform, v));
    add('holt-winters', mase(actual, hw, train, o.masePeriod), smape(actual, hw));
    const combo = combineWithSeasonalNaive(hw, train, o.periods);
    add('holt-winters + seasonal-naive (mean)', mase(actual, combo, train, o.masePeriod), smape(actual, combo));
    for (const p of o.naivePeriods) {
      const sn = seasonalNaive(train, p, o.horizon);
      add(`seasonal-naive (m=${p})`, mase(actual, sn, train, o.masePeriod), smape(actual, sn));
    }
    origins++;
  }
  const scores = [...sums.entries()].map(([model, s]) => ({
    model,
    mase: s.mase / Math.max(origins, 1),
    smape: s.smape / Math.max(origins, 1),
  }));
  return {
    origins,
    scores,
    ...(o.interval && band
      ? {
          interval: {
            nominal: o.interval.coverage,
            inside: band.inside,
            total: band.total,
            relativeWidth: quantileOf(band.widths, 0.5),
            relativeWidthP90: quantileOf(band.widths, 0.9),
          },
        }
      : {}),
  };
}
