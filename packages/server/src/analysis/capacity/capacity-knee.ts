/**
 * Learns per-server capacity from history: the CCU per server beyond which p95 latency, error rate or CPU
 * rises past its threshold. Samples are binned by load (equal counts); each metric's per-bin median is
 * followed up the load axis and the crossing is interpolated between the last healthy and the first
 * unhealthy bin. The lowest crossing wins. When no metric ever crossed, CPU (close to linear in load) is
 * extrapolated and flagged; latency and errors are not (they bend), so the answer is then a lower bound.
 */
import type { Evidence } from '../evidence.js';

export interface LoadSample {
  t: number;
  /** CCU divided by the number of servers serving it, at t. */
  ccuPerServer: number;
  p95LatencyMs?: number;
  /** Errors / requests, 0..1. */
  errorRate?: number;
  /** CPU utilisation, 0..1. */
  cpu?: number;
}

export interface KneeThresholds {
  p95LatencyMs: number;
  errorRate: number;
  cpu: number;
}

export const DEFAULT_KNEE_THRESHOLDS = {
  p95LatencyMs: 1000,
  errorRate: 0.01,
  cpu: 0.8,
} as const satisfies KneeThresholds;

export type KneeMetric = keyof KneeThresholds;
export type KneeBasis = 'observed' | 'extrapolated' | 'lower_bound';

export interface MetricKnee {
  metric: KneeMetric;
  threshold: number;
  /** CCU per server where the metric reaches the threshold (or the highest load seen, for a lower bound). */
  ccuPerServer: number;
  basis: KneeBasis;
}

export interface CapacityKnee {
  /** Learnt capacity per server, or null when no sample carried any metric. */
  capacityPerServer: number | null;
  limitedBy: KneeMetric | null;
  basis: KneeBasis | null;
  perMetric: MetricKnee[];
  /** Load bins used: centre load and the medians per metric. */
  bins: { ccuPerServer: number; samples: number; medians: Partial<Record<KneeMetric, number>> }[];
  evidence: Evidence[];
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? Number.NaN : n % 2 ? (s[n >> 1] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
};

export function fitCapacityKnee(
  samples: readonly LoadSample[],
  thresholds: Partial<KneeThresholds> = {},
  options: { bins?: number } = {},
): CapacityKnee {
  const th: KneeThresholds = { ...DEFAULT_KNEE_THRESHOLDS, ...thresholds };
  const sorted = samples.filter((s) => Number.isFinite(s.ccuPerServer)).sort((a, b) => a.ccuPerServer - b.ccuPerServer);
  const nBins = Math.max(2, Math.min(options.bins ?? 12, Math.floor(sorted.length / 5)));
  const bins: CapacityKnee['bins'] = [];
  for (let b = 0; b < nBins && sorted.length > 0; b++) {
    const part = sorted.slice(Math.floor((b * sorted.length) / nBins), Math.floor(((b + 1) * sorted.length) / nBins));
    if (part.length === 0) continue;
    const medians: Partial<Record<KneeMetric, number>> = {};
    for (const m of ['p95LatencyMs', 'errorRate', 'cpu'] as const) {
      const vals = part.map((s) => s[m]).filter((v): v is number => v !== undefined && Number.isFinite(v));
      if (vals.length) medians[m] = median(vals);
    }
    bins.push({ ccuPerServer: median(part.map((s) => s.ccuPerServer)), samples: part.length, medians });
  }
  const maxLoad = sorted.length ? (sorted[sorted.length - 1] as LoadSample).ccuPerServer : 0;
  const perMetric: MetricKnee[] = [];
  for (const m of ['p95LatencyMs', 'errorRate', 'cpu'] as const) {
    const pts = bins
      .filter((b) => b.medians[m] !== undefined)
      .map((b) => ({ x: b.ccuPerServer, y: b.medians[m] as number }));
    if (pts.length === 0) continue;
    perMetric.push(kneeFor(m, th[m], pts, maxLoad));
  }
  const best = perMetric.reduce<MetricKnee | null>(
    (a, b) => (a === null || b.ccuPerServer < a.ccuPerServer ? b : a),
    null,
  );
  const from = sorted.reduce((a, s) => Math.min(a, s.t), Infinity);
  const to = sorted.reduce((a, s) => Math.max(a, s.t), -Infinity);
  return {
    capacityPerServer: best?.ccuPerServer ?? null,
    limitedBy: best?.metric ?? null,
    basis: best?.basis ?? null,
    perMetric,
    bins,
    evidence: [
      {
        source: 'history',
        description: `load samples binned by CCU per server (${bins.length} bins); thresholds p95 ${th.p95LatencyMs} ms, errors ${(th.errorRate * 100).toFixed(1)} %, CPU ${(th.cpu * 100).toFixed(0)} %`,
        range: { from: Number.isFinite(from) ? from : 0, to: Number.isFinite(to) ? to : 0 },
        rows: sorted.length,
      },
    ],
  };
}

function kneeFor(metric: KneeMetric, threshold: number, pts: { x: number; y: number }[], maxLoad: number): MetricKnee {
  const cross = pts.findIndex((p) => p.y > threshold);
  if (cross === 0) return { metric, threshold, ccuPerServer: (pts[0] as { x: number }).x, basis: 'observed' };
  if (cross > 0) {
    const a = pts[cross - 1] as { x: number; y: number };
    const b = pts[cross] as { x: number; y: number };
    const x = b.y === a.y ? a.x : a.x + ((threshold - a.y) * (b.x - a.x)) / (b.y - a.y);
    return { metric, threshold, ccuPerServer: x, basis: 'observed' };
  }
  if (metric === 'cpu' && pts.length >= 2) {
    // Least-squares line through the bins; only an upward slope says where the threshold would be met.
    const n = pts.length;
    const mx = pts.reduce((s, p) => s + p.x, 0) / n;
    const my = pts.reduce((s, p) => s + p.y, 0) / n;
    const sxx = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
    const slope = sxx > 0 ? pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx : 0;
    if (slope > 0) return { metric, threshold, ccuPerServer: mx + (threshold - my) / slope, basis: 'extrapolated' };
  }
  return { metric, threshold, ccuPerServer: maxLoad, basis: 'lower_bound' };
}
