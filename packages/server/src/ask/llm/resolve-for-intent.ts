/**
 * Parameters of a question for an intent chosen elsewhere (by the LLM): the deterministic parser's
 * own time and parameter extraction, run for that intent. Times and numbers therefore always come
 * from the same code as on the deterministic path; the model only picks the intent (and may fill a
 * parameter the extractor did not find).
 */
import { extractParams } from '../parse/extract-params.js';
import { INTENT_PARAM_KEYS, type IntentName, type Lang, type QuestionParams } from '../parse/index.js';
import { normalizeQuestion } from '../parse/normalize-question.js';
import { resolveComparison, resolveRange } from '../parse/resolve-period.js';
import { findTimeMentions } from '../parse/resolve-time.js';

export function paramsForIntent(
  question: string,
  intent: IntentName,
  options: { now: number; timeZone: string; lang: Lang; instances?: readonly string[] },
): QuestionParams {
  if (intent === 'unknown') return {};
  const n = normalizeQuestion(question.slice(0, 500));
  const mentions = findTimeMentions(n.text, options.now, options.timeZone);
  const all: QuestionParams = { ...extractParams(n.text, mentions, options.instances ?? []) };
  const hour = mentions.find((m) => m.granularity === 'hour');
  all.at = new Date(hour ? hour.from : options.now).toISOString();
  if (intent === 'concurrent_users.compare' || intent === 'seasonality.period_compare') {
    Object.assign(all, resolveComparison(intent, mentions, options.now, options.timeZone, options.lang));
  } else {
    const range = resolveRange(intent, mentions, options.now, options.timeZone, options.lang);
    if (range) all.range = range;
  }
  return pickKeys(intent, all);
}

/** Only the parameters `intent` takes. */
export function pickKeys(intent: IntentName, params: QuestionParams): QuestionParams {
  const keys: readonly string[] = INTENT_PARAM_KEYS[intent];
  return Object.fromEntries(Object.entries(params).filter(([k]) => keys.includes(k))) as QuestionParams;
}
