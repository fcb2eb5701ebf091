/**
 * Reads an autoscaling rule out of a sentence: "동시접속자 수가 1,000명을 넘으면 Pod를 2개 추가하고
 * 500명 미만이면 1개로 줄여줘" → scale up above 1000 by 2, scale down below 500 to 1. Each clause
 * carries one threshold (넘으면/이상/above/exceeds, or 미만/이하/below/under) and one action count
 * ("2개 추가" adds, "1개로" sets, "1개 줄여" removes).
 */
import { findNumbers, type NumberMatch } from './number-words.js';
import type { ScalingRule } from './question-types.js';

const CLAUSE_SPLIT = /(?<=[가-힣])고\s+|그리고|,(?!\d{3})|;|\band\b|\bwhile\b|면서/;
const UP_AFTER = /^\s*(명|users?|people|명의)?\s*(을|를|이|가)?\s*(넘|초과|이상|over|보다 많|을 넘|넘어)/;
const DOWN_AFTER = /^\s*(명|users?|people)?\s*(을|를|이|가)?\s*(미만|이하|아래|밑|보다 적|떨어지|under|below)/;
const UP_BEFORE = /(exceeds?|above|over|more than|greater than|>|reaches|hits)\s*$/;
const DOWN_BEFORE = /(below|under|less than|fewer than|drops? (?:below|under|to)|<)\s*$/;

interface Clause {
  direction: 'up' | 'down';
  threshold: number;
  action?: { kind: 'add' | 'to' | 'remove'; n: number };
}

function readClause(clause: string): Clause | undefined {
  const nums = findNumbers(clause);
  let threshold: NumberMatch | undefined;
  let direction: Clause['direction'] | undefined;
  for (const n of nums) {
    const after = clause.slice(n.end);
    const before = clause.slice(0, n.start);
    if (UP_AFTER.test(after) || UP_BEFORE.test(before)) direction = 'up';
    else if (DOWN_AFTER.test(after) || DOWN_BEFORE.test(before)) direction = 'down';
    else continue;
    threshold = n;
    break;
  }
  if (!threshold || !direction) return undefined;
  const out: Clause = { direction, threshold: threshold.value };
  for (const n of nums) {
    if (n === threshold || !Number.isInteger(n.value) || n.value > 1000) continue;
    const after = clause.slice(n.end);
    const before = clause.slice(0, n.start);
    if (/^\s*(개|대|pods?|replicas?|instances?|servers?)?\s*(로|으로)/.test(after) || /\bto\s*$/.test(before)) {
      out.action = { kind: 'to', n: n.value };
    } else if (/(remove|by)\s*$/.test(before) && direction === 'down') {
      out.action = { kind: 'remove', n: n.value };
    } else if (/^\s*(개|대|pods?|replicas?)?\s*(를|을)?\s*(줄|감소|삭제|빼)/.test(after)) {
      out.action = { kind: 'remove', n: n.value };
    } else {
      out.action = { kind: 'add', n: n.value };
    }
  }
  return out;
}

/** The rule stated in the text, or undefined when no clause has a threshold. */
export function parseScalingRule(text: string): ScalingRule | undefined {
  const rule: ScalingRule = {};
  for (const clause of text.split(CLAUSE_SPLIT)) {
    const c = readClause(clause);
    if (!c) continue;
    if (c.direction === 'up' && !rule.scaleUp) {
      rule.scaleUp = { above: c.threshold };
      if (c.action?.kind === 'to') rule.scaleUp.to = c.action.n;
      else if (c.action) rule.scaleUp.add = c.action.n;
    } else if (c.direction === 'down' && !rule.scaleDown) {
      rule.scaleDown = { below: c.threshold };
      if (c.action?.kind === 'to') rule.scaleDown.to = c.action.n;
      else if (c.action) rule.scaleDown.remove = c.action.n;
    }
  }
  return rule.scaleUp || rule.scaleDown ? rule : undefined;
}
