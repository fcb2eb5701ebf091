/**
 * Precision and recall of the masker per type on labelled lines, and which look-alike lines it
 * changed: shared by the test and `npx promptops bench mask`, so both report the same figures.
 */
import type { LabelledLine } from './labelled-lines.js';
import { findPii } from './mask-text.js';
import { maskText } from './mask-text.js';
import { PII_TYPES, type PiiType } from './mask-types.js';

export interface TypeScore {
  type: PiiType;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export interface MaskingEvaluation {
  perType: TypeScore[];
  overall: TypeScore;
  /** Lines labelled free of PII that the default policy changed anyway. */
  touchedLookAlikes: string[];
  errors: string[];
}

function score(type: PiiType, tp: number, fp: number, fn: number): TypeScore {
  return {
    type,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
  };
}

/** Detections are scored with the IP policy on, so IPs are measured too; look-alikes with the default policy. */
export function evaluateMasking(lines: readonly LabelledLine[]): MaskingEvaluation {
  const counts = new Map<PiiType, { tp: number; fp: number; fn: number }>(
    PII_TYPES.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]),
  );
  const errors: string[] = [];
  const touchedLookAlikes: string[] = [];
  for (const line of lines) {
    const got = findPii(line.text, true).map((c) => [c.type, line.text.slice(c.start, c.end)] as const);
    const expected = [...line.pii];
    for (const g of got) {
      const i = expected.findIndex((e) => e[0] === g[0] && e[1] === g[1]);
      if (i >= 0) {
        counts.get(g[0])!.tp++;
        expected.splice(i, 1);
      } else {
        counts.get(g[0])!.fp++;
        errors.push(`false positive ${g[0]} '${g[1]}' in: ${line.text}`);
      }
    }
    for (const e of expected) {
      counts.get(e[0])!.fn++;
      errors.push(`missed ${e[0]} '${e[1]}' in: ${line.text}`);
    }
    if (line.pii.length === 0) {
      for (const level of ['partial', 'full'] as const) {
        if (maskText(line.text, { level }).text !== line.text) touchedLookAlikes.push(`${level}: ${line.text}`);
      }
    }
  }
  const perType = PII_TYPES.map((t) => {
    const c = counts.get(t)!;
    return score(t, c.tp, c.fp, c.fn);
  });
  const sum = (k: 'truePositives' | 'falsePositives' | 'falseNegatives'): number =>
    perType.reduce((s, t) => s + t[k], 0);
  const overall = score('rrn', sum('truePositives'), sum('falsePositives'), sum('falseNegatives'));
  return { perType, overall, touchedLookAlikes, errors };
}
