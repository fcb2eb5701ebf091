/**
 * Puts a series on a regular grid (one point per step), as seasonal models need. A missing step is filled
 * from one season earlier when that is known (traffic repeats by day and week far better than it
 * interpolates across an outage), else by linear interpolation; the filled positions are reported so
 * evidence can say how much was imputed.
 */
import type { Series, SeriesPoint } from './series.js';
import { cleanSeries } from './series.js';

export interface RegularSeries {
  start: number;
  stepMs: number;
  values: number[];
  /** Indexes of values that were filled in, not observed. */
  filled: number[];
}

export function regularizeSeries(series: Series, stepMs: number, seasonSteps = 0): RegularSeries {
  const pts: SeriesPoint[] = cleanSeries(series);
  if (pts.length === 0) return { start: 0, stepMs, values: [], filled: [] };
  const start = (pts[0] as SeriesPoint).t;
  const n = Math.round(((pts[pts.length - 1] as SeriesPoint).t - start) / stepMs) + 1;
  const values = new Array<number>(n).fill(Number.NaN);
  for (const p of pts) {
    const i = Math.round((p.t - start) / stepMs);
    // Duplicates in one step: keep the last, as a later sample supersedes an earlier one.
    values[i] = p.value;
  }
  const filled: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(values[i] as number)) continue;
    filled.push(i);
    const back = seasonSteps > 0 && i >= seasonSteps ? (values[i - seasonSteps] as number) : Number.NaN;
    if (!Number.isNaN(back)) {
      values[i] = back;
      continue;
    }
    let j = i + 1;
    while (j < n && Number.isNaN(values[j] as number)) j++;
    const left = i > 0 ? (values[i - 1] as number) : (values[j] as number);
    const right = j < n ? (values[j] as number) : left;
    values[i] = left + (right - left) / (j - i + 1);
  }
  return { start, stepMs, values, filled };
}
