/**
 * Streaming detectors per operational metric. Each metric gets the ensemble detector with a learning period
 * sized to its usual step (a day of 1-minute points by default) and, for bounded metrics, a value
 * transform that keeps the detector's scale meaningful.
 */
import type { EnsembleDetectorOptions } from './ensemble-detector.js';
import { EnsembleDetector } from './ensemble-detector.js';
import type { OnlineDetector } from './online-detector.js';

export type DetectedMetric = 'ccu' | 'latency' | 'error_rate' | 'cpu' | 'memory';

export interface MetricDetectorOptions extends Partial<EnsembleDetectorOptions> {
  /** Sampling step of the series in ms (default 60 s: the 1-minute rollup). */
  stepMs?: number;
  /** How long the detector learns before it scores (default 1 day). */
  learnMs?: number;
}

/** Latency is heavy-tailed: scoring its logarithm makes a doubling equally surprising at any level. */
const TRANSFORMS: Record<DetectedMetric, (v: number) => number> = {
  ccu: (v) => v,
  latency: (v) => Math.log1p(Math.max(0, v)),
  error_rate: (v) => Math.min(1, Math.max(0, v)),
  cpu: (v) => v,
  memory: (v) => v,
};

export function createMetricDetector(metric: DetectedMetric, options: MetricDetectorOptions = {}): OnlineDetector {
  const { stepMs = 60_000, learnMs = 86_400_000, ...rest } = options;
  const probation = Math.max(60, Math.round(learnMs / stepMs));
  const inner = new EnsembleDetector({ probation, ...rest });
  const transform = TRANSFORMS[metric];
  return { update: (t, value) => inner.update(t, transform(value)) };
}
