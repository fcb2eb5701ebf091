/**
 * Evidence: what an analysis looked at, so every answer can say which series, which time range, how many
 * rows and how uncertain the inputs were. Analyses return it beside their result; the ask and report layers
 * render it.
 */

/** Where the data came from: the rollup history, the live 2 s window, or the session store. */
export type EvidenceSource = 'history' | 'live' | 'session-store';

export interface TimeRange {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive (end of the last bucket). */
  to: number;
}

export interface Evidence {
  source: EvidenceSource;
  /** One line saying what this piece of evidence is (e.g. "CCU peaks, 1 h buckets, last 7 days"). */
  description: string;
  range: TimeRange;
  /** Number of points/rows the analysis used. */
  rows: number;
  /** Relative half-width of the inputs' error band (e.g. 0.0081 for HLL at m = 16384), when known. */
  errorBand?: number;
}

/** Builds the evidence for a series, taking the range from its first and last point. */
export function seriesEvidence(
  series: readonly { t: number }[],
  description: string,
  options: { source?: EvidenceSource; stepMs?: number; errorBand?: number } = {},
): Evidence {
  const first = series[0]?.t ?? 0;
  const last = series[series.length - 1]?.t ?? first;
  return {
    source: options.source ?? 'history',
    description,
    range: { from: first, to: last + (options.stepMs ?? 0) },
    rows: series.length,
    ...(options.errorBand === undefined ? {} : { errorBand: options.errorBand }),
  };
}
