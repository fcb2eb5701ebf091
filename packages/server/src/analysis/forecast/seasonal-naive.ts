/** The seasonal-naive forecast: each future step repeats the value one season earlier. The benchmark to beat. */
export function seasonalNaive(history: readonly number[], period: number, horizon: number): number[] {
  const n = history.length;
  if (n === 0) return new Array<number>(horizon).fill(Number.NaN);
  const m = Math.max(1, Math.min(period, n));
  return Array.from({ length: horizon }, (_, h) => history[n - m + (h % m)] as number);
}
