/**
 * SLA section of a report: availability (requests that did not fail) and latency compliance (requests
 * within the threshold, from the latency histograms) per local day, the period's totals and how much
 * of each error budget was used — analysis/sla does the arithmetic.
 */
import { slaCompliance, type RequestBucket } from '../../analysis/sla/sla-compliance.js';
import type { SlaObjectives } from '../../analysis/sla/sla-objectives.js';
import type { SlaSummary } from '../report-types.js';
import type { HourPoint } from './hourly-reader.js';

const ratio = (v: number): number => Math.round(v * 1_000_000) / 1_000_000;

export function slaSummary(
  txs: readonly HourPoint[],
  errors: readonly HourPoint[],
  slow: Map<number, number> | null,
  objectives: SlaObjectives,
  tzOffsetMinutes: number,
): SlaSummary {
  const errs = new Map(errors.map((p) => [p.t, p.value]));
  const buckets: RequestBucket[] = txs.map((p) => ({
    t: p.t,
    requests: p.value,
    errors: errs.get(p.t) ?? 0,
    ...(slow === null ? {} : { slow: slow.get(p.t) ?? 0 }),
  }));
  const r = slaCompliance(buckets, objectives, { period: 'day', tzOffsetMinutes });
  const requests = buckets.reduce((a, b) => a + b.requests, 0);
  const errorCount = buckets.reduce((a, b) => a + b.errors, 0);
  const slowCount = buckets.reduce((a, b) => a + (b.slow ?? 0), 0);
  const budget = (o: 'availability' | 'latency'): number | null => {
    const b = r.budgets.find((x) => x.objective === o);
    return b === undefined || !Number.isFinite(b.consumed) || requests === 0 ? null : ratio(b.consumed);
  };
  return {
    availabilityTarget: objectives.availability,
    latencyThresholdMs: objectives.latencyThresholdMs,
    latencyTarget: objectives.latencyTarget,
    requests,
    errors: errorCount,
    availability: requests > 0 ? ratio(1 - errorCount / requests) : null,
    latencyCompliance: slow === null || requests === 0 ? null : ratio(1 - slowCount / requests),
    availabilityBudgetConsumed: budget('availability'),
    latencyBudgetConsumed: slow === null ? null : budget('latency'),
    daysMet: r.periods.filter((p) => p.availabilityMet && p.latencyMet !== false).length,
    days: r.periods.map((p) => ({
      from: p.from,
      requests: p.requests,
      errors: p.errors,
      availability: ratio(p.availability),
      availabilityMet: p.availabilityMet,
      latencyCompliance: p.latencyCompliance === null ? null : ratio(p.latencyCompliance),
      latencyMet: p.latencyMet,
    })),
  };
}
