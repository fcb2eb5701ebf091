/**
 * The deterministic question parser: Korean or English text → intent of the catalog, an honest
 * confidence, and typed parameters with absolute time ranges. No model is involved; the LLM router
 * may take over when confidence is low. Questions that attack the engine (prompt or SQL injection)
 * and questions the data cannot answer come back as `unknown`, never as a guess.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import { detectLanguage } from './detect-language.js';
import { extractParams, type CandidateParams } from './extract-params.js';
import { INJECTION_CUES, INTENT_CUES, OUT_OF_SCOPE_CUES } from './intent-features.js';
import { normalizeQuestion, type NormalizedQuestion } from './normalize-question.js';
import {
  INTENT_PARAM_KEYS,
  type IntentAlternative,
  type IntentName,
  type Lang,
  type ParseOptions,
  type ParsedQuestion,
  type QuestionParams,
} from './question-types.js';
import { resolveComparison, resolveRange } from './resolve-period.js';
import { findTimeMentions } from './resolve-time.js';
import type { TimeMention } from './time-mentions.js';
import { assertTimeZone } from './zoned-clock.js';

export const DEFAULT_TIME_ZONE = 'Asia/Seoul';
/** Below this score no intent is clear enough to act on. */
const MIN_SCORE = 2.5;
/** Questions longer than this are cut: nobody asks an operations question in a page of text. */
const MAX_QUESTION_LENGTH = 500;

type Scored = { intent: Exclude<IntentName, 'unknown'>; score: number };

function cueScore(n: NormalizedQuestion, intent: Exclude<IntentName, 'unknown'>): number {
  let s = 0;
  for (const c of INTENT_CUES[intent]) if (c.re.test(n.text) || c.re.test(n.compact)) s += c.w;
  return s;
}

/** Evidence from parameters: a stated session count, rule or user id says a lot about the intent. */
function paramBoosts(
  p: CandidateParams,
  mentions: readonly TimeMention[],
  now: number,
): Partial<Record<IntentName, number>> {
  const b: Partial<Record<IntentName, number>> = {};
  const add = (i: IntentName, w: number): void => {
    b[i] = (b[i] ?? 0) + w;
  };
  if (p.sessions !== undefined) add('sessions.vs_users', 2);
  if (p.scaling) add('scaling.policy', 3);
  if (p.userId) add('users.urls', 2.5);
  if (p.minDurationMs) {
    add('users.long_sessions', 2.5);
    // The "than" of "more than 90 minutes" and the 보다 of "두 시간보다 오래" bound the duration:
    // they are not a comparison of periods.
    add('concurrent_users.compare', -2.5);
    add('seasonality.period_compare', -2.5);
  }
  if (p.targetUsers !== undefined || p.servers !== undefined) add('capacity.recommend', 1);
  if (p.format) for (const i of ['report.weekly', 'report.monthly', 'sla.report'] as const) add(i, 0.5);
  if (p.stat) add('concurrent_users.stats', 0.5);
  // Two modes named with no period to compare against: the modes side by side, now.
  if (p.modes && !mentions.some((m) => m.granularity !== 'now')) add('concurrent_users.now', 3);
  // A named hour with a head count ("어제 오후 3시에 몇 명") asks for the CCU at that instant.
  if (mentions.some((m) => m.granularity === 'hour')) add('concurrent_users.now', 1.5);
  const dated = mentions.filter((m) => m.granularity !== 'now');
  if (dated.some((m) => m.to < now && m.granularity !== 'rolling')) add('concurrent_users.compare', 0.3);
  if (
    dated.length >= 2 &&
    dated.every((m) => m.granularity === 'month' || m.granularity === 'quarter' || m.granularity === 'year')
  ) {
    add('seasonality.period_compare', 2.5);
    add('concurrent_users.compare', -1.5);
  }
  if (dated.length === 1 && (dated[0].granularity === 'month' || dated[0].granularity === 'year')) {
    add('seasonality.period_compare', 0.5);
  }
  return b;
}

function confidenceOf(top: number, second: number): number {
  if (top <= 0) return 0;
  const strength = 1 - Math.exp(-top / 3);
  const margin = Math.min(1, Math.max(0, (top - second) / top) * 2);
  return Math.round(strength * (0.55 + 0.45 * margin) * 100) / 100;
}

function unknown(lang: Lang, confidence: number, reason: string, alternatives?: IntentAlternative[]): ParsedQuestion {
  return { lang, intent: 'unknown', confidence, params: {}, reason, ...(alternatives?.length ? { alternatives } : {}) };
}

/** Keeps the parameters `intent` takes. The cast is sound: the keys kept are INTENT_PARAM_KEYS[intent]. */
function pick<I extends IntentName>(intent: I, all: QuestionParams): ParsedQuestion {
  const keys: readonly string[] = INTENT_PARAM_KEYS[intent];
  const params = Object.fromEntries(Object.entries(all).filter(([k]) => keys.includes(k)));
  return { intent, params } as unknown as ParsedQuestion;
}

export function parseQuestion(question: string, options: ParseOptions): ParsedQuestion {
  const zone = options.timeZone ?? DEFAULT_TIME_ZONE;
  assertTimeZone(zone);
  if (!Number.isFinite(options.now))
    throw new PromptOpsError('invalid_parameter', `now must be epoch milliseconds, got ${options.now}`);
  const n = normalizeQuestion(question.slice(0, MAX_QUESTION_LENGTH));
  const lang = detectLanguage(n.text);
  if (INJECTION_CUES.some((re) => re.test(n.text))) return unknown(lang, 0.95, 'injection');

  const mentions = findTimeMentions(n.text, options.now, zone);
  const candidates = extractParams(n.text, mentions, options.instances ?? []);
  const boosts = paramBoosts(candidates, mentions, options.now);
  const outOfScope = OUT_OF_SCOPE_CUES.some((re) => re.test(n.text) || re.test(n.compact));
  const scored: Scored[] = (Object.keys(INTENT_CUES) as Array<Exclude<IntentName, 'unknown'>>)
    .map((intent) => ({ intent, score: cueScore(n, intent) + (boosts[intent] ?? 0) - (outOfScope ? 3 : 0) }))
    .sort((a, b) => b.score - a.score);
  const [top, second] = scored;
  const confidence = confidenceOf(top.score, Math.max(0, second.score));
  const alternatives: IntentAlternative[] = scored
    .slice(1, 4)
    .filter((s) => s.score >= MIN_SCORE && s.score >= top.score * 0.6)
    .map((s) => ({ intent: s.intent, confidence: confidenceOf(s.score, top.score) }));
  if (top.score < MIN_SCORE) {
    const near = scored
      .filter((s) => s.score > 0)
      .slice(0, 3)
      .map((s) => ({ intent: s.intent, confidence: confidenceOf(s.score, top.score) }));
    // How sure we are that nothing matched: never certain, a paraphrase may simply be unknown to the cues.
    return unknown(
      lang,
      Math.min(0.95, Math.round((1 - confidenceOf(top.score, 0)) * 100) / 100),
      outOfScope ? 'out_of_scope' : 'no_intent',
      near,
    );
  }

  // `at`: a named hour is a point in time ("어제 오후 3시에 몇 명"); otherwise the question is about now.
  const hour = mentions.find((m) => m.granularity === 'hour');
  const all: QuestionParams = { ...candidates, at: new Date(hour ? hour.from : options.now).toISOString() };
  if (top.intent === 'concurrent_users.compare' || top.intent === 'seasonality.period_compare') {
    Object.assign(all, resolveComparison(top.intent, mentions, options.now, zone, lang));
  } else {
    const range = resolveRange(top.intent, mentions, options.now, zone, lang);
    if (range) all.range = range;
  }
  const { intent, params } = pick(top.intent, all);
  return { lang, intent, confidence, params, ...(alternatives.length ? { alternatives } : {}) } as ParsedQuestion;
}
