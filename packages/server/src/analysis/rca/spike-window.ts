/**
 * Finds the windows in which one instance's CPU or memory stood clearly above its own recent level.
 * For each sample the baseline is the robust level of the same instance over the preceding
 * `baselineMs` (so the daily load curve moves the baseline with it); a sample is "high" when it
 * exceeds both baseline median + `minRise` and the baseline's 99th percentile + `margin`. Consecutive
 * high samples (gaps up to two sample intervals) form a window; windows
 * with fewer than `minSamples` high samples are dropped (one busy GC cycle is not a spike).
 */
import type { InfraMetric, MetricSample } from '../../model/telemetry.js';
import type { MetricColumns } from '../../store/rca-aggregates.js';
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
  return findSpikeWindowsInColumns(metricColumns(samples, metric), metric, options);
}

/**
 * The samples of `metric` as one column set per instance, each by time (equal times keep their input
 * order), as the store returns them: the spike finder then never touches a sample object.
 */
export function metricColumns(samples: readonly MetricSample[], metric: SpikeMetric): MetricColumns[] {
  const byInstance = new Map<string, MetricSample[]>();
  for (const s of samples) {
    if (s.metric !== metric) continue;
    let list = byInstance.get(s.instance);
    if (!list) byInstance.set(s.instance, (list = []));
    list.push(s);
  }
  const out: MetricColumns[] = [];
  for (const [instance, list] of byInstance) {
    list.sort((a, b) => a.time - b.time);
    const hasLimit = list.some((s) => s.limit !== undefined);
    out.push({
      instance,
      times: Float64Array.from(list, (s) => s.time),
      values: Float64Array.from(list, (s) => s.value),
      limits: hasLimit ? list.map((s) => s.limit) : null,
    });
  }
  return out;
}

/** Only the finite values: a sample whose value is not a number is not a sample. */
function finiteOnly(c: MetricColumns): MetricColumns {
  let n = 0;
  for (const v of c.values) if (Number.isFinite(v)) n++;
  if (n === c.values.length) return c;
  const keep = (_: unknown, i: number): boolean => Number.isFinite(c.values[i]);
  return {
    instance: c.instance,
    times: c.times.filter(keep),
    values: c.values.filter(keep),
    limits: c.limits ? c.limits.filter(keep) : null,
  };
}

/** `findSpikeWindows` over column sets (one per instance, each by time). */
export function findSpikeWindowsInColumns(
  columns: readonly MetricColumns[],
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
  const windows: SpikeWindow[] = [];
  const sorted = columns.map(finiteOnly).filter((c) => c.times.length > 0);
  for (const { instance, times, values, limits } of sorted.sort((a, b) => a.instance.localeCompare(b.instance))) {
    const n = times.length;
    const interval = typicalInterval(times);
    let open: SpikeWindow | null = null;
    let lastHigh = -Infinity;
    // The baseline holds the samples of [lo, hi): the trailing `baselineMs`, minus an open window's own.
    const baseline = new SortedValues(n);
    let lo = 0;
    let hi = 0;
    let level: { median: number; p99: number } | null = null;
    let levelAt = -Infinity;
    for (let i = 0; i < n; i++) {
      const time = times[i] as number;
      const value = values[i] as number;
      const limit = limits ? limits[i] : undefined;
      while (lo < i && (times[lo] as number) < time - baselineMs) {
        if (lo < hi) baseline.remove(values[lo] as number);
        lo++;
      }
      if (hi < lo) hi = lo;
      // The baseline moves slowly: read once a minute, not for every sample.
      if (level === null || time - levelAt >= MINUTE_MS) {
        // The open window's samples are excluded from its own baseline, else a long spike raises the bar.
        let end = i;
        if (open !== null) {
          const openFrom = open.from;
          end = lo;
          while (end < i && (times[end] as number) < openFrom) end++;
        }
        while (hi < end) baseline.insert(values[hi++] as number);
        while (hi > end) baseline.remove(values[--hi] as number);
        level = baseline.count < minBaseline ? null : { median: baseline.quantile(0.5), p99: baseline.quantile(0.99) };
        levelAt = time;
      }
      if (level === null) continue;
      const unit = metric === 'cpu' ? 1 : (limit ?? level.median);
      const threshold = Math.max(level.median + minRise * unit, level.p99 + margin * unit);
      const high = value > threshold;
      if (open && (time - lastHigh > 2 * interval || !high)) {
        if (!high && time - lastHigh <= 2 * interval) continue;
        windows.push(open);
        open = null;
      }
      if (!high) continue;
      if (!open) {
        open = {
          instance,
          metric,
          from: time,
          to: time + interval,
          peak: value,
          peakAt: time,
          baseline: level.median,
          threshold,
          excessArea: 0,
          samples: 0,
          thenSilent: false,
          rampFrom: metric === 'cpu' ? time : rampStart(times, values, i, level.median),
        };
      }
      open.to = time + interval;
      open.samples++;
      if (limit !== undefined) open.limit = limit;
      open.excessArea += value - open.baseline;
      if (value > open.peak) {
        open.peak = value;
        open.peakAt = time;
      }
      lastHigh = time;
      if (i + 1 < n && (times[i + 1] as number) - time >= 3 * interval) open.thenSilent = true;
    }
    if (open) windows.push(open);
  }
  return windows.filter(kept).sort((a, b) => a.from - b.from);
}

function typicalInterval(times: Float64Array): number {
  if (times.length < 2) return 10_000;
  const gaps = new Float64Array(times.length - 1);
  for (let i = 1; i < times.length; i++) gaps[i - 1] = (times[i] as number) - (times[i - 1] as number);
  gaps.sort();
  return Math.max(1, gaps[Math.floor(gaps.length / 2)] as number);
}

/** Earliest index of the run of rising samples above `floor` that ends at `i`, as a time. */
function rampStart(times: Float64Array, values: Float64Array, i: number, floor: number): number {
  let j = i;
  while (j > 0) {
    const prev = values[j - 1] as number;
    if (!(prev < (values[j] as number) && prev > floor)) break;
    j--;
  }
  return times[j] as number;
}
