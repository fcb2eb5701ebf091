/**
 * A change between two estimates that respects their error bands: the difference is only called a change
 * when it is larger than the uncertainty of the difference, i.e. both bands' half-widths combined in
 * quadrature (independent sketches). Otherwise the answer is "no measurable change", never a made-up trend.
 */

export interface Estimate {
  value: number;
  low?: number;
  high?: number;
}

export type ChangeVerdict = 'up' | 'down' | 'no_measurable_change';

export interface MeasuredChange {
  /** current − baseline. */
  change: number;
  /** Change relative to the baseline (NaN when the baseline is 0). */
  changeRatio: number;
  /** Half-width of the uncertainty of the change (same unit as the values). */
  band: number;
  verdict: ChangeVerdict;
}

const halfWidth = (e: Estimate): number => Math.max(e.value - (e.low ?? e.value), (e.high ?? e.value) - e.value, 0);

export function measuredChange(current: Estimate, baseline: Estimate): MeasuredChange {
  const change = current.value - baseline.value;
  const band = Math.hypot(halfWidth(current), halfWidth(baseline));
  const verdict: ChangeVerdict = Math.abs(change) <= band ? 'no_measurable_change' : change > 0 ? 'up' : 'down';
  return { change, changeRatio: baseline.value === 0 ? Number.NaN : change / baseline.value, band, verdict };
}
