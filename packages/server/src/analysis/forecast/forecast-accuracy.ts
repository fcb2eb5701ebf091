/**
 * Forecast accuracy measures used by the back-tests: MASE (Hyndman & Koehler 2006: MAE scaled by the
 * in-sample MAE of the seasonal-naive forecast, so < 1 beats it on the training data) and symmetric MAPE
 * (in %, 0–200).
 */

export function meanAbsoluteError(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs((actual[i] as number) - (forecast[i] as number));
  return s / Math.max(actual.length, 1);
}

/** In-sample MAE of the seasonal-naive forecast with period m: the MASE denominator. */
export function seasonalNaiveScale(training: readonly number[], m: number): number {
  let s = 0;
  let n = 0;
  for (let i = m; i < training.length; i++) {
    s += Math.abs((training[i] as number) - (training[i - m] as number));
    n++;
  }
  return n === 0 ? Number.NaN : s / n;
}

export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  training: readonly number[],
  m: number,
): number {
  return meanAbsoluteError(actual, forecast) / seasonalNaiveScale(training, m);
}

export function smape(actual: readonly number[], forecast: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const f = forecast[i] as number;
    const d = Math.abs(a) + Math.abs(f);
    s += d === 0 ? 0 : (2 * Math.abs(a - f)) / d;
  }
  return (100 * s) / Math.max(actual.length, 1);
}
