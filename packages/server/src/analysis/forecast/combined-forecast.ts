/**
 * Forecast combination: the mean of the Holt-Winters forecast and the seasonal-naive forecast of the longest
 * cycle. Averaging a smoothed model with "same time last cycle" is a classic way to lose less when either is
 * wrong (the M-competitions' "Comb" lesson); the back-test reports it beside both parts.
 */
import { seasonalNaive } from './seasonal-naive.js';

export function combineWithSeasonalNaive(
  modelForecast: readonly number[],
  history: readonly number[],
  periods: readonly number[],
): number[] {
  const m = Math.max(1, ...periods);
  const naive = seasonalNaive(history, m, modelForecast.length);
  return modelForecast.map((v, i) => (v + (naive[i] as number)) / 2);
}
