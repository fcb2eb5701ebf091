/**
 * The report model: what a weekly, monthly or SLA report says, gathered once (report/model) and then
 * rendered to HTML, PDF, XLSX or CSV (report/render) so every format shows the same numbers. Times are
 * epoch ms; figures are rounded once here (CCU to whole users, averages to one decimal) so a renderer
 * never rounds differently from another.
 */
import { z } from 'zod';
import type { UserKeyMode } from '../model/transaction.js';

export const REPORT_KINDS = ['weekly', 'monthly', 'sla'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_FORMATS = ['html', 'pdf', 'xlsx', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_LANGS = ['ko', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

/** What a caller asks for; `from`/`to` default to the kind's last full calendar period. */
export const reportOptionsSchema = z
  .object({
    from: z.number().finite().optional(),
    to: z.number().finite().optional(),
    format: z.enum(REPORT_FORMATS).default('html'),
    lang: z.enum(REPORT_LANGS).default('ko'),
  })
  .strict()
  .refine((o) => o.from === undefined || o.to === undefined || o.from < o.to, 'from must be before to');
export type ReportOptions = z.input<typeof reportOptionsSchema>;

/** A figure with its sketch error band (CCU and visitors are HyperLogLog estimates). */
export interface BandedValue {
  value: number;
  low: number;
  high: number;
}

export interface CcuSummary {
  /** Highest hourly peak of the period and the bucket start it happened in. */
  max: (BandedValue & { at: number }) | null;
  /** Lowest CCU of the period (the gauge's minimum) and when. */
  min: { value: number; at: number } | null;
  /** Mean of the hourly average gauges. */
  avg: number | null;
  /** 95th percentile of the hourly peaks. */
  p95: number | null;
  /** Hours with data / hours in the period. */
  hoursWithData: number;
  hoursInPeriod: number;
}

/** One hour of the period; figures are null for an hour without data (a gap, not a zero). */
export interface TrendPoint {
  t: number;
  peak: number | null;
  min: number | null;
  avg: number | null;
  /** Peak of the same hour one period earlier (week for weekly, shifted by the period otherwise). */
  previousPeak: number | null;
}

export interface DailyRow {
  /** Local midnight, epoch ms. */
  day: number;
  peak: number;
  peakAt: number;
  min: number;
  avg: number;
  transactions: number;
  errors: number;
}

export interface ServerRow {
  instance: string;
  ccuPeak: number;
  ccuAvg: number;
  sessionsPeak: number | null;
  sessionsAvg: number | null;
  transactions: number;
  /** Share of the period's transactions, 0..1. */
  share: number;
}

export type ComparisonBaseline = 'last_week' | 'previous' | 'last_year';

export interface ComparisonRow {
  baseline: ComparisonBaseline;
  how: 'max' | 'avg';
  current: number;
  previous: number;
  baselineFrom: number;
  baselineTo: number;
  change: number;
  /** Relative change, 0.1 = +10 %; null when the baseline is 0. */
  changeRatio: number | null;
  verdict: 'up' | 'down' | 'no_measurable_change';
}

export interface PeakWindowRow {
  /** ISO weekday of the start, 0 = Monday … 6 = Sunday (renderers localise the name). */
  startWeekday: number;
  startHour: number;
  hours: number;
  level: number;
}

export type AnomalyMetric = 'ccu' | 'error_rate';

export interface AnomalyCause {
  instance: string;
  /** The instance's figure at the worst hour and the same hour a week earlier (same unit as the anomaly). */
  value: number;
  weekBefore: number;
}

export interface AnomalyRow {
  /** First and last hour (bucket starts) of the anomalous run. */
  from: number;
  to: number;
  metric: AnomalyMetric;
  /** Most extreme value in the run (CCU or error rate 0..1). */
  value: number;
  /** Same hour one week earlier. */
  expected: number | null;
  score: number;
  /** Why, as far as the data shows: the instance whose figure moved most against a week earlier. */
  cause: AnomalyCause | null;
}

/** A CPU or memory spike on one instance, found in the raw samples, with the route and user behind it. */
export interface IncidentRow {
  metric: 'cpu' | 'memory';
  instance: string;
  from: number;
  to: number;
  /** Peak and the instance's usual level before it (CPU 0..1, memory bytes). */
  peak: number;
  baseline: number;
  /** The route and user that explain most of the excess load; null when no single one does. */
  route: string | null;
  user: string | null;
  /** Share of the excess (duration or bytes) the route explains, 0..1. */
  share: number | null;
  /** Why no cause is named, when none is. */
  reason: string | null;
}

export interface SlaDayRow {
  from: number;
  requests: number;
  errors: number;
  availability: number;
  availabilityMet: boolean;
  latencyCompliance: number | null;
  latencyMet: boolean | null;
}

export interface SlaSummary {
  availabilityTarget: number;
  latencyThresholdMs: number;
  latencyTarget: number;
  requests: number;
  errors: number;
  availability: number | null;
  latencyCompliance: number | null;
  availabilityBudgetConsumed: number | null;
  latencyBudgetConsumed: number | null;
  daysMet: number;
  days: SlaDayRow[];
}

export interface CapacitySummary {
  servers: number;
  capacityPerServer: number;
  /** Where capacityPerServer came from. */
  capacitySource: 'configured' | 'learnt';
  currentPeak: number;
  forecastPeak: number | null;
  forecastHigh: number | null;
  plannedPeak: number;
  serversNeeded: number;
  action: 'scale_out' | 'hold' | 'scale_in';
  utilisationAtPeak: number;
  /** Share of capacity run at, at peak, and the margin over the planned peak (the plan's inputs). */
  targetUtilisation: number;
  headroom: number;
  /** Whether the planned peak is the forecast's upper bound (higher than the current peak) or the current peak. */
  plannedFrom: 'forecast' | 'current';
}

export interface ReportEvidence {
  description: string;
  call: string;
  from: number;
  to: number;
  rows: number;
  errorBand?: number;
}

export interface ReportData {
  kind: ReportKind;
  lang: ReportLang;
  timeZone: string;
  mode: UserKeyMode;
  windowSeconds: number;
  period: { from: number; to: number; defaulted: boolean };
  generatedAt: number;
  ccu: CcuSummary;
  trend: TrendPoint[];
  daily: DailyRow[];
  servers: ServerRow[];
  comparisons: ComparisonRow[];
  peakWindows: PeakWindowRow[];
  anomalies: AnomalyRow[];
  /** CPU/memory spikes with their causes (needs raw samples: the raw retention, 8 days by default). */
  incidents: IncidentRow[];
  sla: SlaSummary;
  /** Null with the reason in `caveats` when capacity could be neither configured nor learnt. */
  capacity: CapacitySummary | null;
  evidence: ReportEvidence[];
  caveats: string[];
}
