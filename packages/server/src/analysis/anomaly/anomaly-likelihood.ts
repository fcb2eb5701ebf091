/**
 * Anomaly likelihood, after Numenta's `anomaly_likelihood.py` (Ahmad et al. 2017): instead of thresholding
 * a raw "surprise" score, model the recent history of raw scores as a Gaussian and ask how unlikely the
 * short-term average of the latest raw scores is. A noisy metric that is always a bit surprising stops
 * alarming; a change in how surprising it is does. The result is log-scaled as NAB's numenta detector does,
 * so 0.5 ≈ a 1-in-10^5 event.
 */

export interface AnomalyLikelihoodOptions {
  /** Records before any estimate (likelihood 0.5 meanwhile). */
  learningPeriod: number;
  /** Records of history the Gaussian is estimated from. */
  historicWindow: number;
  /** Length of the short-term average of raw scores that is tested. */
  averagingWindow: number;
  /** Re-estimate the Gaussian every this many records (cheap and as in Numenta's implementation). */
  reestimationPeriod: number;
}

export const DEFAULT_LIKELIHOOD_OPTIONS = {
  learningPeriod: 388,
  historicWindow: 8640,
  averagingWindow: 10,
  reestimationPeriod: 100,
} as const satisfies AnomalyLikelihoodOptions;

/** Upper tail of the standard normal, via the complementary error function (Abramowitz–Stegun 7.1.26). */
export function normalTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
    Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** NAB's log scaling of a likelihood: 0 for ordinary, 1 for a 1 − 10⁻¹⁰ event. */
export function logLikelihood(likelihood: number): number {
  return Math.log(1.0000000001 - likelihood) / Math.log(1.0 - 0.9999999999);
}

export class AnomalyLikelihood {
  private readonly opts: AnomalyLikelihoodOptions;
  /** Ring of short-term averages, the sample the Gaussian is fitted to. */
  private readonly history: Float64Array;
  private readonly recent: Float64Array;
  private count = 0;
  private recentSum = 0;
  private mean = 0;
  private std = 1;

  constructor(options: Partial<AnomalyLikelihoodOptions> = {}) {
    this.opts = { ...DEFAULT_LIKELIHOOD_OPTIONS, ...options };
    this.history = new Float64Array(this.opts.historicWindow);
    this.recent = new Float64Array(this.opts.averagingWindow);
  }

  /** Adds a raw score in [0, 1] and returns the log-scaled likelihood that the recent ones are anomalous. */
  update(rawScore: number): number {
    const raw = Number.isFinite(rawScore) ? rawScore : 0;
    const w = this.opts.averagingWindow;
    const slot = this.count % w;
    this.recentSum += raw - (this.recent[slot] as number);
    this.recent[slot] = raw;
    const avg = this.recentSum / Math.min(this.count + 1, w);
    this.history[this.count % this.opts.historicWindow] = avg;
    this.count++;
    if (this.count <= this.opts.learningPeriod) return 0;
    if (this.count === this.opts.learningPeriod + 1 || this.count % this.opts.reestimationPeriod === 0) this.estimate();
    const likelihood = 1 - normalTail((avg - this.mean) / this.std);
    return logLikelihood(likelihood);
  }

  private estimate(): void {
    const n = Math.min(this.count, this.opts.historicWindow);
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = this.history[i] as number;
      s += v;
      s2 += v * v;
    }
    this.mean = s / n;
    // Floor the deviation (as Numenta does) so a perfectly regular history does not make every wobble "certain".
    this.std = Math.max(Math.sqrt(Math.max(s2 / n - this.mean * this.mean, 0)), 0.03);
  }
}
