/**
 * Scores a detector over the NAB corpus the way NAB's runner does: per profile, pick the single threshold
 * that maximises the summed score over all files (`nab/optimizer.py` via the sweeper), score each file at
 * that threshold, and normalise the total to 100 × (score − null) / (perfect − null), where null is the
 * score of a detector that never fires at its best threshold and perfect is one earliest detection per
 * window (`nab/runner.py` normalize).
 */
import type { NabCorpus, NabProfile } from './nab-corpus.js';
import { NAB_PROFILES } from './nab-corpus.js';
import type { AnomalyPoint, CostMatrix, ThresholdScore, WindowLimits } from './nab-sweeper.js';
import { calcScoreByThreshold, calcSweepScore, scoreAtThreshold } from './nab-sweeper.js';

export interface NabFileResult {
  file: string;
  threshold: number;
  score: number;
  tp: number;
  tn: number;
  fp: number;
  fn: number;
  total: number;
}

export interface NabProfileResult {
  profile: NabProfile;
  threshold: number;
  rawScore: number;
  nullScore: number;
  perfectScore: number;
  normalizedScore: number;
  files: NabFileResult[];
}

export interface ScoredFile {
  name: string;
  timestamps: readonly number[];
  windows: readonly WindowLimits[];
  scores: readonly number[];
}

/** The best corpus-wide threshold for one cost matrix (NAB's optimizeThreshold). */
export function optimizeThreshold(files: readonly ScoredFile[], cost: CostMatrix): ThresholdScore {
  const all: AnomalyPoint[] = [];
  for (const f of files) {
    for (const p of calcSweepScore(f.timestamps, f.scores, f.windows, f.name, cost)) all.push(p);
  }
  const byThreshold = calcScoreByThreshold(all, cost);
  // Python's sorted(..., reverse=True) is stable: among equal scores the first (highest threshold) wins.
  let best = byThreshold[0] as ThresholdScore;
  for (const s of byThreshold) if (s.score > best.score) best = s;
  return best;
}

export function scoreFile(f: ScoredFile, cost: CostMatrix, threshold: number): NabFileResult {
  const rows = calcScoreByThreshold(calcSweepScore(f.timestamps, f.scores, f.windows, f.name, cost), cost);
  const row = scoreAtThreshold(rows, threshold) ?? { threshold, score: 0, tp: 0, tn: 0, fp: 0, fn: 0, total: 0 };
  return {
    file: f.name,
    threshold,
    score: row.score,
    tp: row.tp,
    tn: row.tn,
    fp: row.fp,
    fn: row.fn,
    total: row.total,
  };
}

/** Optimise, score and sum one profile (the raw, un-normalised NAB score). */
export function scoreProfile(
  files: readonly ScoredFile[],
  cost: CostMatrix,
): { threshold: number; rawScore: number; files: NabFileResult[] } {
  const { threshold } = optimizeThreshold(files, cost);
  const results = files.map((f) => scoreFile(f, cost, threshold));
  return { threshold, rawScore: results.reduce((s, r) => s + r.score, 0), files: results };
}

/** NAB's normalisation. */
export function normalizeNabScore(raw: number, nullScore: number, perfectScore: number): number {
  return (100 * (raw - nullScore)) / (perfectScore - nullScore);
}

const nullScores = new WeakMap<NabCorpus, Map<CostMatrix, number>>();

/** The null detector's raw score: NAB's null detector emits a constant 0.5 and goes through the same optimiser. */
export function nullDetectorScore(corpus: NabCorpus, cost: CostMatrix): number {
  // Memoised per corpus and profile: every detector in a run is normalised against the same null.
  const cache = nullScores.get(corpus) ?? new Map<CostMatrix, number>();
  nullScores.set(corpus, cache);
  const hit = cache.get(cost);
  if (hit !== undefined) return hit;
  const files = corpus.files.map((f) => ({ ...f, scores: f.timestamps.map(() => 0.5) }));
  const score = scoreProfile(files, cost).rawScore;
  cache.set(cost, score);
  return score;
}

export function runNabBenchmark(
  corpus: NabCorpus,
  scoresByFile: ReadonlyMap<string, readonly number[]>,
  profiles: readonly NabProfile[] = NAB_PROFILES,
): NabProfileResult[] {
  const files: ScoredFile[] = corpus.files.map((f) => {
    const scores = scoresByFile.get(f.name);
    if (!scores || scores.length !== f.timestamps.length) {
      throw new RangeError(`no scores (or a wrong count) for ${f.name}`);
    }
    return { name: f.name, timestamps: f.timestamps, windows: f.windows, scores };
  });
  return profiles.map((profile) => {
    const cost = corpus.profiles[profile];
    const { threshold, rawScore, files: fileResults } = scoreProfile(files, cost);
    const nullScore = nullDetectorScore(corpus, cost);
    const perfectScore = corpus.windowCount * cost.tpWeight;
    return {
      profile,
      threshold,
      rawScore,
      nullScore,
      perfectScore,
      normalizedScore: normalizeNabScore(rawScore, nullScore, perfectScore),
      files: fileResults,
    };
  });
}
