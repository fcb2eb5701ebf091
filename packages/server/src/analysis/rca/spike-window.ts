/**
 * Finds the windows in which one instance's CPU or memory stood clearly above its own recent level.
 * For each sample the baseline is the robust level of the same instance over the preceding
 * `baselineMs` (so the daily load curve moves the baseline with it); a sample is "high" when it
 * exceeds both baseline median + `minRise` and the baseline's 99th percentile + `margin`. Consecutive
 * high samples (gaps up to two sample intervals) form a window; windows
 * with fewer than `minSamples` high samples are dropped (one busy GC cycle is not a spike).
 */
import type { InfraMetric, MetricSample } from '../../model/telemetry.js';
import { MINUTE_MS } from '../series/series.js';
import { SortedValues } from './sorted-values.js';

export type SpikeMetric = Extract<InfraMetric, 'cpu' | 'memory' | 'heap'>;

export interface SpikeOptions {
  /** Length of the trailing baseline per sample; default 60 min. */
  baselineMs?: number;
  /** Baseline samples needed before a sample can be judged; default 30. */
  minBaselineSamples?: number;
  /**
   * Rise above the baseline median that counts as high: CPU in utilisation (default 0.15), memory and
   * heap as a fraction of the limit when known, else of the baseline median (default 0.2).
   */
  minRise?: number;
  /** Extra margin above the baseline's p99, same unit as minRise; default 0.05. */
  margin?: number;
  /**
   * Fewest high samples a window needs: default 6 for CPU (a minute at 10 s, since CPU jitters), 2 for
   * memory and heap (which only climb past their normal peak when something holds memory).
   */
  minSamples?: number;
  /**
   * Memory and heap: one sample at or above this fraction of the limit is a spike by itself; default
   * 0.95. So is a high sample after which the instance fell silent (crashed or restarted): a heap
   * filling in 40 s before an OOM leaves one or two 10 s samples.
   */
  nearLimit?: number;
}

export interface SpikeWindow {
  instance: string;
  metric: SpikeMetric;
  /** First high sample, epoch ms. */
  from: number;
  /** Last high sample plus one sample interval, epoch ms (exclusive). */
  to: number;
  peak: number;
  peakAt: number;
  /** Baseline median and the threshold in force when the window started. */
  baseline: number;
  threshold: number;
  /** Sum over the window's samples of (value − baseline): how big the spike was. */
  excessArea: number;
  samples: number;
  /** Capacity reported with the samples (memory limit, heap max), when known. */
  limit?: number;
  /** The instance sent no sample for at least 3 intervals right after the window (crash, restart). */
  thenSilent: boolean;
  /**
   * Memory and heap: where the climb into the window began (the earliest of the consecutive rising
   * samples above the baseline median that lead into it); `from` for CPU. Memory is filled before it
   * crosses the threshold, so the requests that filled it are found from here.
   */
  rampFrom: number;
}

export function findSpikeWindows(
  samples: readonly MetricSample[],
  metric: SpikeMetric,
  options: SpikeOptions = {},
): SpikeWindow[] {
  const baselineMs = options.baselineMs ?? 60 * MINUTE_MS;
  const minBaseline = options.minBaselineSamples ?? 30;
  const minRise = options.minRise ?? (metric === 'cpu' ? 0.15 : 0.2);
  const margin = options.margin ?? 0.05;
  const minSamples = options.minSamples ?? (metric === 'cpu' ? 6 : 2);
  const nearLimit = options.nearLimit ?? 0.95;
  const kept = (w: SpikeWindow): boolean =>
    w.samples >= minSamples ||
    (metric !== 'cpu' && (w.thenSilent || (w.limit !== undefined && w.peak >= nearLimit * w.limit)));
  const byInstance = new Map<string, MetricSample[]>();
  for (const s of samples) {
    if (s.metric !== metric || !Number.isFinite(s.value)) continue;
    let list = byInstance.get(s.instance);
    if (!list) byInstance.set(s.instance, (list = []));
    list.push(s);
  }
  const windows: SpikeWindow[] = [];
  for (const [instance, list] of [...byInstance].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.time - b.time);
    const interval = typicalInterval(list);
    let open: SpikeWindow | null = null;
    let lastHigh = -Infinity;
    // The baseline holds the samples of [lo, hi): the trailing `baselineMs`, minus an open window's own.
    const baseline = new SortedValues(list.length);
    let lo = 0;
    let hi = 0;
    let level: { median: number; p99: number } | null = null;
    let levelAt = -Infinity;
    for (let i = 0; i < list.length; i++) {
      const s = list[i] as MetricSample;
      while (lo < i && (list[lo] as MetricSample).time < s.time - baselineMs) {
        if (lo < hi) baseline.remove((list[lo] as MetricSample).value);
        lo++;
      }
      if (hi < lo) hi = lo;
      // The baseline moves slowly: read once a minute, not for every sample.
      if (level === null || s.time - levelAt >= MINUTE_MS) {
        // The open window's samples are excluded from its own baseline, else a long spike raises the bar.
        let end = i;
        if (open !== null) {
          const openFrom = open.from;
          end = lo;
          while (end < i && (list[end] as MetricSample).time < openFrom) end++;
        }
        while (hi < end) baseline.insert((list[hi++] as MetricSample).value);
        while (hi > end) baseline.remove((list[--hi] as MetricSample).value);
        level = baseline.count < minBaseline ? null : { median: baseline.quantile(0.5), p99: baseline.quantile(0.99) };
        levelAt = s.time;
      }
      if (level === null) continue;
      const unit = metric === 'cpu' ? 1 : (s.limit ?? level.median);
      const threshold = Math.max(level.median + minRise * unit, level.p99 + margin * unit);
      const high = s.value > threshold;
      if (open && (s.time - lastHigh > 2 * interval || !high)) {
        if (!high && s.time - lastHigh <= 2 * interval) continue;
        windows.push(open);
        open = null;
      }
      if (!high) continue;
      if (!open) {
        open = {
          instance,
          metric,
          from: s.time,
          to: s.time + interval,
          peak: s.value,
          peakAt: s.time,
          baseline: level.median,
          threshold,
          excessArea: 0,
          samples: 0,
          thenSilent: false,
          rampFrom: metric === 'cpu' ? s.time : rampStart(list, i, level.median),
        };
      }
      open.to = s.time + interval;
      open.samples++;
      if (s.limit !== undefined) open.limit = s.limit;
      open.excessArea += s.value - open.baseline;
      if (s.value > open.peak) {
        open.peak = s.value;
        open.peakAt = s.time;
      }
      lastHigh = s.time;
      const next = list[i + 1];
      if (next && next.time - s.time >= 3 * interval) open.thenSilent = true;
    }
    if (open) windows.push(open);
  }
  return windows.filter(kept).sort((a, b) => a.from - b.from);
}

function typicalInterval(list: readonly MetricSample[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < list.length; i++) gaps.push((list[i] as MetricSample).time - (list[i - 1] as MetricSample).time);
  gaps.sort((a, b) => a - b);
  return gaps.length ? Math.max(1, gaps[Math.floor(gaps.length / 2)] as number) : 10_000;
}

/** Earliest index of the run of rising samples above `floor` that ends at `i`, as a time. */
function rampStart(list: readonly MetricSample[], i: number, floor: number): number {
  let j = i;
  while (j > 0) {
    const prev = list[j - 1] as MetricSample;
    const cur = list[j] as MetricSample;
    if (!(prev.value < cur.value && prev.value > floor)) break;
    j--;
  }
  return (list[j] as MetricSample).time;
}
