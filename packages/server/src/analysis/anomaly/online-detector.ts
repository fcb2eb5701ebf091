/**
 * The streaming-detector contract: feed points in time order, get back an anomaly score in [0, 1] for each,
 * using only what came before (so the same object runs live on the 2 s gauge and offline on NAB).
 */
import type { Series } from '../series/series.js';

export interface OnlineDetector {
  /** Consumes one observation and returns its anomaly score in [0, 1]. Never throws on odd values. */
  update(t: number, value: number): number;
}

/** Scores a whole series with a fresh detector (offline use: benchmarks, `promptops detect`). */
export function scoreSeries(detector: OnlineDetector, series: Series): number[] {
  return series.map((p) => detector.update(p.t, p.value));
}
