/**
 * Reads the hourly rollups a report is made of, through the collector's read API (the same calls
 * `GET /api/v1/series` answers), and records one evidence line per call so the report can say which
 * reads its numbers came from.
 */
import type { SeriesMetric, SeriesPoint as ApiPoint } from '../../collector/collector-types.js';
import type { UserKeyMode } from '../../model/transaction.js';
import { LATENCY_BOUNDS_MS, TOTAL_INSTANCE } from '../../rollup/rollup-row.js';
import type { ReportEvidence } from '../report-types.js';
import type { ReportContext } from './report-context.js';

export const HOUR_MS = 3_600_000;

/** Relative half-width of the HLL band at the collector's default precision (m = 16384). */
const HLL_BAND = 1.04 / Math.sqrt(16_384);

export interface HourPoint {
  t: number;
  value: number;
  low?: number;
  high?: number;
  min?: number;
  avg?: number;
}

const iso = (t: number): string => new Date(t).toISOString();

export class HourlyReader {
  readonly evidence: ReportEvidence[] = [];

  constructor(
    private readonly ctx: ReportContext,
    readonly mode: UserKeyMode,
  ) {}

  /** One metric per hour; `quiet` reads (single-hour look-ups) are not listed as evidence one by one. */
  async series(metric: SeriesMetric, from: number, to: number, instance?: string, quiet = false): Promise<HourPoint[]> {
    const res = await this.ctx.collector.series({
      metric,
      step: '1h',
      from,
      to,
      ...(instance === undefined ? {} : { instance }),
      ...(metric === 'ccu' || metric === 'visitors' ? { mode: this.mode } : {}),
    });
    const points = res.points.map(toHourPoint);
    const sketch = metric === 'ccu' || metric === 'visitors';
    if (quiet) return points;
    this.evidence.push({
      description: `${metric} per hour${instance ? ` on ${instance}` : ', all instances'}${metric === 'ccu' ? ' (hourly peak, min, avg)' : ''}`,
      call: `collector.series(${JSON.stringify({ metric, step: '1h', from: iso(from), to: iso(to), instance, mode: sketch ? this.mode : undefined })})`,
      from,
      to,
      rows: points.length,
      ...(sketch ? { errorBand: HLL_BAND } : {}),
    });
    return points;
  }

  /**
   * Instances that have hourly rows in the range: from the store when the collector exposes it (every
   * instance that ever reported), else the ones the live collector knows.
   */
  async instances(from: number, to: number): Promise<string[]> {
    const store = this.ctx.collector.store;
    if (store === undefined) return this.ctx.collector.liveSnapshot().instances.map((i) => i.instance);
    const rows = await store.queryRollups({ level: '1h', from, to, withSketches: false });
    const names = new Set(rows.map((r) => r.instance).filter((i) => i !== TOTAL_INSTANCE));
    return [...names].sort();
  }

  /**
   * Requests slower than `thresholdMs` per hour, from the latency histograms (bucket bounds are
   * inclusive upper limits, so a threshold on a bound is exact). Null when the store is not exposed.
   */
  async slowRequests(from: number, to: number, thresholdMs: number): Promise<Map<number, number> | null> {
    const store = this.ctx.collector.store;
    if (store === undefined) return null;
    const rows = await store.queryRollups({ level: '1h', instance: TOTAL_INSTANCE, from, to, withSketches: false });
    const firstSlow = LATENCY_BOUNDS_MS.findIndex((b) => b > thresholdMs);
    const out = new Map<number, number>();
    for (const r of rows) {
      const slow = firstSlow < 0 ? (r.latency[LATENCY_BOUNDS_MS.length] ?? 0) : sum(r.latency.slice(firstSlow));
      out.set(r.start, slow);
    }
    this.evidence.push({
      description: `requests slower than ${thresholdMs} ms per hour, from the latency histograms`,
      call: `store.queryRollups(${JSON.stringify({ level: '1h', instance: TOTAL_INSTANCE, from: iso(from), to: iso(to) })})`,
      from,
      to,
      rows: rows.length,
    });
    return out;
  }
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

function toHourPoint(p: ApiPoint): HourPoint {
  return {
    t: Date.parse(p.t),
    value: p.value,
    ...(p.low === undefined ? {} : { low: p.low }),
    ...(p.high === undefined ? {} : { high: p.high }),
    ...(p.stats?.min === undefined ? {} : { min: p.stats.min }),
    ...(p.stats?.avg === undefined ? {} : { avg: p.stats.avg }),
  };
}
