/**
 * Who and what a spike window's load came from: transactions grouped by a dimension (route, user),
 * each group's requests, total duration and bytes in the window against its baseline rate scaled to the
 * window's length, and the share of the instance's total excess each group explains:
 * excess share = (window − baseline × windowMs / baselineMs) / total excess.
 */
import type { Transaction } from '../../model/transaction.js';
import type { TimeRange } from '../evidence.js';

export type ContributorDimension = 'route' | 'user';
export const CONTRIBUTOR_MEASURES = ['requests', 'durationMs', 'bytes'] as const;
export type ContributorMeasure = (typeof CONTRIBUTOR_MEASURES)[number];

export interface MeasureFigures {
  window: number;
  /** The baseline total scaled to the window's length. */
  expected: number;
  /** window − expected. */
  excess: number;
  /** Share of the window's total for this measure (0..1). */
  share: number;
  /** excess / total excess of all groups; null when the total excess is not positive. */
  excessShare: number | null;
}

export interface Contributor {
  dimension: ContributorDimension;
  /** Route template, or the user key (`enduser.id`, else `ip:<client address>`). */
  key: string;
  measures: Record<ContributorMeasure, MeasureFigures>;
}

export interface ContributorTotals {
  window: Record<ContributorMeasure, number>;
  expected: Record<ContributorMeasure, number>;
  excess: Record<ContributorMeasure, number>;
}

export interface ContributorRanking {
  dimension: ContributorDimension;
  /** Ranked by the excess share of `rankBy`, largest first. */
  rankBy: ContributorMeasure;
  rows: Contributor[];
  totals: ContributorTotals;
}

export interface RankingInput {
  window: readonly Transaction[];
  baseline: readonly Transaction[];
  windowMs: number;
  baselineMs: number;
  /**
   * When given, a transaction's duration counts only where it overlaps the range (a 40 s request
   * overlapping a 20 s window adds 20 s of busy time, not 40).
   */
  clip?: { window: TimeRange; baseline: TimeRange };
}

/** The user a transaction belongs to for ranking: the authenticated id, else the client address. */
export function rankingUserKey(tx: Transaction): string {
  return tx.userId ?? `ip:${tx.clientIp}`;
}

const keyOf = (dimension: ContributorDimension, tx: Transaction): string =>
  dimension === 'route' ? tx.route : rankingUserKey(tx);

/** One group's requests, duration and bytes. */
export type Sums = Record<ContributorMeasure, number>;
export const zeroSums = (): Sums => ({ requests: 0, durationMs: 0, bytes: 0 });
const zero = zeroSums;

/** Per-group sums over the spike window and the baseline: what the ranking reads (from rows or from SQL). */
export interface GroupedSums {
  window: ReadonlyMap<string, Sums>;
  baseline: ReadonlyMap<string, Sums>;
  windowMs: number;
  baselineMs: number;
}

export function sumBy(
  dimension: ContributorDimension,
  txs: readonly Transaction[],
  clip?: TimeRange,
): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const tx of txs) {
    const key = keyOf(dimension, tx);
    let s = out.get(key);
    if (!s) out.set(key, (s = zero()));
    s.requests++;
    s.durationMs += clip
      ? Math.max(0, Math.min(tx.time + tx.durationMs, clip.to) - Math.max(tx.time, clip.from))
      : tx.durationMs;
    s.bytes += tx.bytes;
  }
  return out;
}

export function rankContributors(
  input: RankingInput,
  dimension: ContributorDimension,
  rankBy: ContributorMeasure = 'durationMs',
  limit = 10,
): ContributorRanking {
  const sums: GroupedSums = {
    window: sumBy(dimension, input.window, input.clip?.window),
    baseline: sumBy(dimension, input.baseline, input.clip?.baseline),
    windowMs: input.windowMs,
    baselineMs: input.baselineMs,
  };
  return rankSums(sums, dimension, rankBy, limit);
}

/** The ranking from per-group sums (the array path sums rows with `sumBy`; the store path sums in SQL). */
export function rankSums(
  sums: GroupedSums,
  dimension: ContributorDimension,
  rankBy: ContributorMeasure = 'durationMs',
  limit = 10,
): ContributorRanking {
  const scale = sums.baselineMs > 0 ? sums.windowMs / sums.baselineMs : 0;
  const win = sums.window;
  const base = sums.baseline;
  const totals: ContributorTotals = { window: zero(), expected: zero(), excess: zero() };
  for (const s of win.values()) for (const m of CONTRIBUTOR_MEASURES) totals.window[m] += s[m];
  for (const s of base.values()) for (const m of CONTRIBUTOR_MEASURES) totals.expected[m] += s[m] * scale;
  for (const m of CONTRIBUTOR_MEASURES) totals.excess[m] = totals.window[m] - totals.expected[m];
  const keys = new Set([...win.keys(), ...base.keys()]);
  const rows: Contributor[] = [...keys].map((key) => {
    const w = win.get(key) ?? zero();
    const b = base.get(key) ?? zero();
    const measures = {} as Record<ContributorMeasure, MeasureFigures>;
    for (const m of CONTRIBUTOR_MEASURES) {
      const expected = b[m] * scale;
      const excess = w[m] - expected;
      measures[m] = {
        window: w[m],
        expected,
        excess,
        share: totals.window[m] > 0 ? w[m] / totals.window[m] : 0,
        excessShare: totals.excess[m] > 0 ? excess / totals.excess[m] : null,
      };
    }
    return { dimension, key, measures };
  });
  rows.sort((a, b) => b.measures[rankBy].excess - a.measures[rankBy].excess || a.key.localeCompare(b.key));
  return { dimension, rankBy, rows: rows.slice(0, limit), totals };
}
