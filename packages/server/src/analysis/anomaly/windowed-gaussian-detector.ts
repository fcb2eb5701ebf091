/**
 * Baseline detector: the tail probability of the latest value under a Gaussian fitted to the previous
 * window. It is the simplest reasonable detector (NAB ships one like it) and is benchmarked beside the
 * ensemble so the ensemble's gain is measured, not assumed.
 */
import { normalTail } from './anomaly-likelihood.js';
import type { OnlineDetector } from './online-detector.js';
import { WindowedMoments } from './windowed-moments.js';

export class WindowedGaussianDetector implements OnlineDetector {
  private readonly moments: WindowedMoments;

  constructor(windowSize = 6400) {
    this.moments = new WindowedMoments(windowSize);
  }

  update(_t: number, value: number): number {
    if (!Number.isFinite(value)) return 0;
    const m = this.moments;
    let score = 0;
    if (m.count >= 2 && m.std > 0) score = 1 - normalTail(Math.abs(value - m.mean) / m.std);
    m.push(value);
    return score;
  }
}
