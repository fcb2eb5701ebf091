/**
 * NAB's scoring rules, transcribed from numenta/NAB `nab/sweeper.py` (v1.1): the scaled sigmoid, the
 * per-row sweep score (a detection inside a window earns more the earlier it is; one outside a window costs
 * more the further it is from the previous window), and the score at every threshold, where only the best
 * detection of each window counts and an undetected window costs `fnWeight`. Kept line-for-line close to
 * the Python so the benchmark's numbers are NAB's numbers.
 */

export interface CostMatrix {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
  tnWeight?: number;
}

/** One scored row: `windowName` is null outside windows and 'probationary' inside the probation period. */
export interface AnomalyPoint {
  timestamp: number;
  anomalyScore: number;
  sweepScore: number;
  windowName: string | null;
}

export interface ThresholdScore {
  threshold: number;
  score: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  total: number;
}

/** A window as [start, end] epoch ms, both inclusive and both equal to a row's timestamp. */
export type WindowLimits = readonly [number, number];

export const PROBATION_PERCENT = 0.15;

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export function scaledSigmoid(relativePositionInWindow: number): number {
  // An FP well behind a window costs the full weight.
  if (relativePositionInWindow >= 3.0) return -1.0;
  return 2 * sigmoid(-5 * relativePositionInWindow) - 1.0;
}

/** NAB caps the probation at 15 % of 5000 rows: min(floor(p·n), p·5000). */
export function probationaryLength(numRows: number, probationPercent = PROBATION_PERCENT): number {
  return Math.min(Math.floor(probationPercent * numRows), probationPercent * 5000);
}

export function calcSweepScore(
  timestamps: readonly number[],
  anomalyScores: readonly number[],
  windowLimits: readonly WindowLimits[],
  dataSetName: string,
  cost: CostMatrix,
  probationPercent = PROBATION_PERCENT,
): AnomalyPoint[] {
  if (timestamps.length !== anomalyScores.length) {
    throw new RangeError('timestamps and anomalyScores should not be different lengths');
  }
  const indexOf = new Map<number, number>();
  timestamps.forEach((t, i) => {
    if (!indexOf.has(t)) indexOf.set(t, i);
  });
  const pending = [...windowLimits];
  const out: AnomalyPoint[] = [];
  const maxTP = scaledSigmoid(-1.0);
  const probation = probationaryLength(timestamps.length, probationPercent);

  let cur: WindowLimits | null = null;
  let curName: string | null = null;
  let curWidth = 0;
  let curRight = 0;
  let prevWidth: number | null = null;
  let prevRight: number | null = null;

  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i] as number;
    const head = pending[0];
    if (head !== undefined && t === head[0]) {
      cur = pending.shift() as WindowLimits;
      curName = `${dataSetName}|${cur[0]}`;
      curRight = indexOf.get(cur[1]) ?? timestamps.length - 1;
      curWidth = curRight - (indexOf.get(cur[0]) ?? i) + 1;
    }
    let weighted: number;
    if (cur !== null) {
      // NAB's formula: the `+ 1` means a detection at the right edge still scores a little.
      const position = -(curRight - i + 1) / curWidth;
      weighted = (scaledSigmoid(position) * cost.tpWeight) / maxTP;
    } else {
      const past = prevRight === null || prevWidth === null ? 3.0 : Math.abs(prevRight - i) / (prevWidth - 1);
      weighted = scaledSigmoid(past) * cost.fpWeight;
    }
    out.push({
      timestamp: t,
      anomalyScore: anomalyScores[i] as number,
      sweepScore: weighted,
      windowName: i >= probation ? curName : 'probationary',
    });
    if (cur !== null && t === cur[1]) {
      prevRight = i;
      prevWidth = curWidth;
      cur = null;
      curName = null;
    }
  }
  return out;
}

/** The score, and the confusion counts, at every distinct anomaly-score threshold (detection: score ≥ threshold). */
export function calcScoreByThreshold(anomalyList: readonly AnomalyPoint[], cost: CostMatrix): ThresholdScore[] {
  const scorable = anomalyList
    .filter((x) => x.windowName !== 'probationary')
    .sort((a, b) => b.anomalyScore - a.anomalyScore);
  // Every window starts as missed; the running total avoids re-summing all windows at each threshold.
  const parts = new Map<string, number>();
  for (const row of scorable) if (row.windowName !== null) parts.set(row.windowName, -cost.fnWeight);
  let total = -cost.fnWeight * parts.size;
  let tn = scorable.filter((x) => x.windowName === null).length;
  let fn = scorable.length - tn;
  let tp = 0;
  let fp = 0;
  let threshold = 1.1;
  const out: ThresholdScore[] = [];
  for (const p of scorable) {
    if (p.anomalyScore !== threshold) {
      out.push({ threshold, score: total, tp, tn, fp, fn, total: tp + tn + fp + fn });
      threshold = p.anomalyScore;
    }
    if (p.windowName === null) {
      fp++;
      tn--;
      total += p.sweepScore;
    } else {
      tp++;
      fn--;
      const before = parts.get(p.windowName) as number;
      if (p.sweepScore > before) {
        parts.set(p.windowName, p.sweepScore);
        total += p.sweepScore - before;
      }
    }
  }
  out.push({ threshold, score: total, tp, tn, fp, fn, total: tp + tn + fp + fn });
  return out;
}

/** NAB's `scoreDataSet`: the row for `threshold`, or for the lowest threshold above it. */
export function scoreAtThreshold(scores: readonly ThresholdScore[], threshold: number): ThresholdScore | null {
  let prev: ThresholdScore | null = null;
  for (const s of scores) {
    if (s.threshold === threshold) return s;
    if (s.threshold < threshold) return prev;
    prev = s;
  }
  // NAB returns None here (threshold below every score); the row with every point detected is the same answer.
  return prev;
}
