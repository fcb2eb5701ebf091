/**
 * Period-over-period comparisons of CCU: the week (or month) against the one before and against the
 * same period last year (364 days back, so weekdays line up), for the peak and the average. A change
 * smaller than the sketches' combined error band is reported as no measurable change.
 */
import { comparePeriod, LAST_YEAR_MS, type PeriodBaseline } from '../../analysis/compare/compare-periods.js';
import type { SeriesPoint } from '../../analysis/series/series.js';
import type { ComparisonBaseline, ComparisonRow, ReportKind } from '../report-types.js';
import { round1 } from './ccu-figures.js';
import type { HourlyReader, HourPoint } from './hourly-reader.js';

const WEEK_MS = 7 * 86_400_000;

function baselineShift(b: ComparisonBaseline, from: number, to: number): number {
  switch (b) {
    case 'last_week':
      return WEEK_MS;
    case 'previous':
      return to - from;
    case 'last_year':
      return LAST_YEAR_MS;
  }
}

/** The baselines a kind compares with: weekly → last week; monthly and SLA → the previous period; both → last year. */
export function baselinesOf(kind: ReportKind): ComparisonBaseline[] {
  return kind === 'weekly' ? ['last_week', 'last_year'] : ['previous', 'last_year'];
}

export async function periodComparisons(
  reader: HourlyReader,
  kind: ReportKind,
  current: readonly HourPoint[],
  from: number,
  to: number,
): Promise<{ rows: ComparisonRow[]; baselines: Map<ComparisonBaseline, HourPoint[]> }> {
  const rows: ComparisonRow[] = [];
  const baselines = new Map<ComparisonBaseline, HourPoint[]>();
  for (const baseline of baselinesOf(kind)) {
    const shift = baselineShift(baseline, from, to);
    const before = await reader.series('ccu', from - shift, to - shift);
    baselines.set(baseline, before);
    const all = [...before, ...current];
    const arg: PeriodBaseline = baseline === 'previous' ? 'previous' : baseline;
    for (const how of ['max', 'avg'] as const) {
      // The average compares the hourly average gauges, not the average of hourly peaks.
      const series: SeriesPoint[] =
        how === 'max'
          ? all
          : all.map((p) => ({ t: p.t, value: p.avg ?? p.value, low: scaled(p, 'low'), high: scaled(p, 'high') }));
      const c = comparePeriod(series, { from, to }, arg, how, { stepMs: 3_600_000, label: 'CCU' });
      if (c === null) continue;
      const fmt = how === 'max' ? Math.round : round1;
      const [cur, prev] = [fmt(c.current.value), fmt(c.baseline.value)];
      rows.push({
        baseline,
        how,
        current: cur,
        previous: prev,
        baselineFrom: c.baseline.from,
        baselineTo: c.baseline.to,
        // From the rounded sides, so "current − previous = change" holds in every format.
        change: fmt(cur - prev),
        changeRatio: Number.isFinite(c.changeRatio) ? Math.round(c.changeRatio * 10_000) / 10_000 : null,
        verdict: c.verdict,
      });
    }
  }
  return { rows, baselines };
}

/** The avg gauge's band: the peak's relative band applied to the average. */
function scaled(p: HourPoint, side: 'low' | 'high'): number {
  const avg = p.avg ?? p.value;
  const edge = p[side];
  if (edge === undefined || p.value === 0) return avg;
  return avg * (edge / p.value);
}
