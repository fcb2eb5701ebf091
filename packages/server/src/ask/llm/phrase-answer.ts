/**
 * LLM phrasing of a finished answer. The model never computes: it gets the deterministic answer and
 * the table behind it and may only reword them. Its text is shown only if every number in it is
 * found in those sources (number-claims.ts); otherwise the deterministic text stands.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import { maskText } from '../mask/index.js';
import type { Lang } from '../parse/index.js';
import type { LlmSession } from './llm-client.js';
import { checkNumberClaims } from './number-claims.js';

/** Rows of the table sent to the model: enough for context, bounded for cost. */
const MAX_ROWS = 20;
const MAX_PHRASE_CHARS = 1_200;

export interface PhraseInput {
  question: string;
  lang: Lang;
  intent: string;
  /** The deterministic answer text (already masked). */
  answer: string;
  data: { columns: string[]; rows: Record<string, unknown>[] };
  caveats: readonly string[];
  /** Everything the numbers may come from besides the above (params, evidence). */
  extraSources: readonly unknown[];
}

export type PhraseOutcome =
  { kind: 'phrased'; text: string } | { kind: 'rejected'; unsupported: string[]; text: string };

export async function phraseWithLlm(session: LlmSession, input: PhraseInput): Promise<PhraseOutcome> {
  const language = input.lang === 'ko' ? 'Korean' : 'English';
  const system = [
    `You rewrite monitoring answers for web operations teams in clear, natural ${language}, at most three sentences.`,
    'Use only numbers that appear in the given answer or table, written the same way or rounded; never compute, estimate or invent a number, date or count.',
    'Keep the period, the identification mode and the error band if the answer states them. Do not add advice. Reply with the rewritten answer only.',
  ].join('\n');
  const table = { columns: input.data.columns, rows: input.data.rows.slice(0, MAX_ROWS) };
  const user = [
    `Question: ${input.question}`,
    `Intent: ${input.intent}`,
    `Answer: ${input.answer}`,
    `Table (JSON): ${JSON.stringify(table)}`,
    input.caveats.length ? `Caveats: ${input.caveats.join(' | ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const res = await session.call({ system, user });
  const text = res.text.trim();
  if (text === '' || text.length > MAX_PHRASE_CHARS)
    throw new PromptOpsError('malformed_payload', `the model's phrasing is ${text === '' ? 'empty' : 'too long'}`);
  const check = checkNumberClaims(text, [input.answer, input.data, input.question, ...input.extraSources]);
  // The model saw masked text, but it could still echo personal data from elsewhere: mask its output too.
  const masked = maskText(text).text;
  return check.ok
    ? { kind: 'phrased', text: masked }
    : { kind: 'rejected', unsupported: check.unsupported, text: masked };
}
