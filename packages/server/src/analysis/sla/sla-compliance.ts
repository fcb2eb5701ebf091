/**
 * SLA compliance and error budget from request counts per bucket: availability and latency compliance per
 * day or week (in the operator's time zone), the error budget of the whole range (allowed bad requests,
 * used, left) and burn rates — how fast the budget is being spent relative to a pace that would use exactly
 * all of it (burn rate 1). A burn rate of 14.4 over 1 h is the classic page-now signal.
 */
import type { Evidence } from '../evidence.js';
import { DAY_MS } from '../series/series.js';
import type { SlaObjectives } from './sla-objectives.js';

export interface RequestBucket {
  /** Bucket start, epoch ms. */
  t: number;
  requests: number;
  errors: number;
  /** Requests slower than the latency threshold (from the latency histogram); omit when unknown. */
  slow?: number;
}

export type SlaPeriod = 'day' | 'week';

export interface PeriodCompliance {
  from: number;
  to: number;
  requests: number;
  errors: number;
  availability: number;
  availabilityMet: boolean;
  /** Share of requests within the latency threshold; null without latency data. */
  latencyCompliance: number | null;
  latencyMet: boolean | null;
}

export interface ErrorBudget {
  objective: 'availability' | 'latency';
  target: number;
  /** Bad requests the target allows over the range. */
  allowedBad: number;
  bad: number;
  /** Share of the budget used (1 = exhausted; > 1 = objective missed). */
  consumed: number;
  remaining: number;
  /** Burn rate over the whole range and over each configured trailing window. */
  burnRate: number;
  burnRates: { windowMs: number; burnRate: number }[];
}

export interface SlaReport {
  periods: PeriodCompliance[];
  budgets: ErrorBudget[];
  evidence: Evidence[];
}

function periodStart(t: number, period: SlaPeriod, tzOffsetMinutes: number): number {
  const local = t + tzOffsetMinutes * 60_000;
  const day = Math.floor(local / DAY_MS) * DAY_MS;
  if (period === 'day') return day - tzOffsetMinutes * 60_000;
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday-based weeks
  return day - weekday * DAY_MS - tzOffsetMinutes * 60_000;
}

const burn = (bad: number, total: number, target: number): number => (total > 0 ? bad / total / (1 - target) : 0);

export function slaCompliance(
  buckets: readonly RequestBucket[],
  objectives: SlaObjectives,
  options: { period?: SlaPeriod; tzOffsetMinutes?: number } = {},
): SlaReport {
  const period = options.period ?? 'day';
  const tz = options.tzOffsetMinutes ?? 0;
  const rows = [...buckets].filter((b) => b.requests >= 0).sort((a, b) => a.t - b.t);
  const hasLatency = rows.some((b) => b.slow !== undefined);
  const groups = new Map<number, RequestBucket[]>();
  for (const b of rows) {
    const k = periodStart(b.t, period, tz);
    const g = groups.get(k);
    if (g) g.push(b);
    else groups.set(k, [b]);
  }
  const length = period === 'day' ? DAY_MS : 7 * DAY_MS;
  const periods: PeriodCompliance[] = [...groups.entries()].map(([from, g]) => {
    const requests = g.reduce((s, b) => s + b.requests, 0);
    const errors = g.reduce((s, b) => s + b.errors, 0);
    const slow = g.reduce((s, b) => s + (b.slow ?? 0), 0);
    const availability = requests > 0 ? 1 - errors / requests : 1;
    const latencyCompliance = hasLatency ? (requests > 0 ? 1 - slow / requests : 1) : null;
    return {
      from,
      to: from + length,
      requests,
      errors,
      availability,
      availabilityMet: availability >= objectives.availability,
      latencyCompliance,
      latencyMet: latencyCompliance === null ? null : latencyCompliance >= objectives.latencyTarget,
    };
  });
  const end = rows.length ? (rows[rows.length - 1] as RequestBucket).t : 0;
  const budget = (objective: 'availability' | 'latency'): ErrorBudget => {
    const target = objective === 'availability' ? objectives.availability : objectives.latencyTarget;
    const badOf = (b: RequestBucket): number => (objective === 'availability' ? b.errors : (b.slow ?? 0));
    const total = rows.reduce((s, b) => s + b.requests, 0);
    const bad = rows.reduce((s, b) => s + badOf(b), 0);
    const allowedBad = total * (1 - target);
    return {
      objective,
      target,
      allowedBad,
      bad,
      consumed: allowedBad > 0 ? bad / allowedBad : bad > 0 ? Infinity : 0,
      remaining: allowedBad - bad,
      burnRate: burn(bad, total, target),
      burnRates: objectives.burnWindowsMs.map((windowMs) => {
        const recent = rows.filter((b) => b.t > end - windowMs);
        return {
          windowMs,
          burnRate: burn(
            recent.reduce((s, b) => s + badOf(b), 0),
            recent.reduce((s, b) => s + b.requests, 0),
            target,
          ),
        };
      }),
    };
  };
  return {
    periods,
    budgets: hasLatency ? [budget('availability'), budget('latency')] : [budget('availability')],
    evidence: [
      {
        source: 'history',
        description: `request and error counts${hasLatency ? ' and slow requests' : ''} per bucket, grouped by ${period}`,
        range: { from: rows[0]?.t ?? 0, to: end },
        rows: rows.length,
      },
    ],
  };
}
