/**
 * Scores the parser against a labelled question set: intent accuracy, parameter accuracy (a subset
 * match of the labelled parameters, times compared as instants) and the failures, so the test and
 * the benchmark report the same figures.
 */
import { parseQuestion } from './parse-question.js';
import type { ParsedQuestion } from './question-types.js';
import type { ExpectedParams, LabelledQuestion, WallRange } from './testset.js';

export interface EvaluationOptions {
  now: number;
  timeZone: string;
  instances: readonly string[];
}

export interface Failure {
  q: string;
  expected: string;
  got: string;
}

export interface Evaluation {
  total: number;
  intentCorrect: number;
  /** Questions with labelled parameters, and how many of them came out entirely right. */
  paramTotal: number;
  paramCorrect: number;
  failures: Failure[];
}

function wallInstant(s: string, now: number, offset: string): number {
  return s === 'now' ? now : Date.parse(`${s}:00${offset}`);
}

function sameRange(
  exp: WallRange,
  got: { from: string; to: string } | undefined,
  now: number,
  offset: string,
): boolean {
  return (
    got !== undefined &&
    Date.parse(got.from) === wallInstant(exp[0], now, offset) &&
    Date.parse(got.to) === wallInstant(exp[1], now, offset)
  );
}

/** The labelled keys that differ, empty when all match. */
export function paramMismatches(exp: ExpectedParams, parsed: ParsedQuestion, now: number, offset: string): string[] {
  const got = parsed.params as Record<string, unknown>;
  const bad: string[] = [];
  for (const [key, value] of Object.entries(exp)) {
    const g = got[key];
    const ok =
      key === 'at'
        ? typeof g === 'string' && Date.parse(g) === wallInstant(value as string, now, offset)
        : key === 'range' || key === 'baseline'
          ? sameRange(value as WallRange, g as { from: string; to: string } | undefined, now, offset)
          : key === 'instances'
            ? JSON.stringify([...((g as string[] | undefined) ?? [])].sort()) ===
              JSON.stringify([...(value as string[])].sort())
            : JSON.stringify(g) === JSON.stringify(value);
    if (!ok) bad.push(`${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(g)}`);
  }
  return bad;
}

/** `offset` is the fixed UTC offset of the set's wall-clock times ("+09:00" for Seoul). */
export function evaluate(set: readonly LabelledQuestion[], opts: EvaluationOptions, offset: string): Evaluation {
  const ev: Evaluation = { total: set.length, intentCorrect: 0, paramTotal: 0, paramCorrect: 0, failures: [] };
  for (const item of set) {
    const parsed = parseQuestion(item.q, opts);
    const intentOk = parsed.intent === item.intent;
    if (intentOk) ev.intentCorrect++;
    let bad: string[] = [];
    if (item.params) {
      ev.paramTotal++;
      bad = intentOk ? paramMismatches(item.params, parsed, opts.now, offset) : ['(wrong intent)'];
      if (bad.length === 0) ev.paramCorrect++;
    }
    if (!intentOk || bad.length) {
      ev.failures.push({
        q: item.q,
        expected: item.intent,
        got: `${parsed.intent} (${parsed.confidence})${bad.length ? ` — ${bad.join('; ')}` : ''}`,
      });
    }
  }
  return ev;
}
