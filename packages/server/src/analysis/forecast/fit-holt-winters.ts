/**
 * Fits Holt-Winters by minimising the one-step sum of squared errors over a small grid of smoothing
 * parameters (a grid, not a numerical optimiser: deterministic, fast enough at these sizes, and no local
 * minima surprises). Optionally works on log values for series whose seasonal swing grows with the level.
 */
import type { HoltWintersParams, HoltWintersRun } from './holt-winters.js';
import { runHoltWinters } from './holt-winters.js';

export type ForecastTransform = 'none' | 'log';

export interface HoltWintersFit {
  params: HoltWintersParams;
  transform: ForecastTransform;
  run: HoltWintersRun;
  /** Standard deviation of the one-step errors after warm-up (on the transformed scale). */
  sigma: number;
  /** Parameter sets tried. */
  tried: number;
}

const ALPHAS = [0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9];
const TRENDS: { beta: number; phi: number }[] = [
  { beta: 0, phi: 1 },
  { beta: 0.01, phi: 0.9 },
  { beta: 0.05, phi: 0.9 },
  { beta: 0.01, phi: 0.98 },
];
const GAMMAS = [0, 0.05, 0.1, 0.2, 0.4];

export const toModelScale = (t: ForecastTransform, v: number): number =>
  t === 'log' ? Math.log(Math.max(v, 0) + 1) : v;
export const fromModelScale = (t: ForecastTransform, v: number): number => (t === 'log' ? Math.exp(v) - 1 : v);

function gridFor(seasons: number): number[][] {
  if (seasons === 0) return [[]];
  const rest = gridFor(seasons - 1);
  return GAMMAS.flatMap((g) => rest.map((r) => [g, ...r]));
}

export function fitHoltWinters(
  values: readonly number[],
  periods: readonly number[],
  transforms: readonly ForecastTransform[] = ['none', 'log'],
): HoltWintersFit {
  let best: HoltWintersFit | null = null;
  let bestScore = Infinity;
  let tried = 0;
  const canLog = values.every((v) => v >= 0);
  for (const transform of transforms) {
    if (transform === 'log' && !canLog) continue;
    const y = values.map((v) => toModelScale(transform, v));
    for (const alpha of ALPHAS) {
      for (const { beta, phi } of TRENDS) {
        for (const gammas of gridFor(periods.length)) {
          const params = { alpha, beta, phi, gammas };
          const run = runHoltWinters(y, periods, params);
          tried++;
          // Transforms are compared on the original scale, so SSE means the same thing for both.
          const score = transform === 'none' ? run.sse : originalScaleSse(y, run, transform);
          if (score < bestScore) {
            bestScore = score;
            const n = Math.max(1, y.length - run.warmup);
            best = { params, transform, run, sigma: Math.sqrt(run.sse / n), tried: 0 };
          }
        }
      }
    }
  }
  if (!best) throw new RangeError('fitHoltWinters: no values to fit');
  return { ...best, tried };
}

function originalScaleSse(y: readonly number[], run: HoltWintersRun, t: ForecastTransform): number {
  let sse = 0;
  for (let i = run.warmup; i < y.length; i++) {
    const actual = fromModelScale(t, y[i] as number);
    const predicted = fromModelScale(t, (y[i] as number) - (run.errors[i] as number));
    sse += (actual - predicted) ** 2;
  }
  return sse;
}
