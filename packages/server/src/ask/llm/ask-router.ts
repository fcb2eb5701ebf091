/**
 * The router between the deterministic engine and the optional LLM. Parsing: the deterministic
 * parser's intent is used when its confidence reaches the threshold (or it found an injection); only
 * an unsure question goes to the LLM classifier. Answering: always the deterministic engine (tools
 * compute every number). Phrasing: the LLM may reword the answer, kept only if its numbers check out.
 * Any LLM failure (timeout, 5xx, malformed output, budget) falls back to the deterministic result,
 * and `route` plus a caveat record which path was taken.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { AnswerContext, AskAnswer } from '../answer/answer-types.js';
import { localiseCaveats } from '../answer/localise-caveats.js';
import { parseQuestion, type Lang, type ParsedQuestion } from '../parse/index.js';
import { classifyWithLlm } from './classify-question.js';
import type { LlmClient, LlmSession } from './llm-client.js';
import { phraseWithLlm } from './phrase-answer.js';

export type ParsePath = 'deterministic' | 'llm' | 'deterministic-fallback';
export type PhrasePath = 'deterministic' | 'llm' | 'llm-rejected' | 'deterministic-fallback';

/** Which path an answer took (added to the answer as `route`). */
export interface RouteInfo {
  parse: ParsePath;
  phrase: PhrasePath;
  /** `openai:model` / `anthropic:model` when an LLM was configured. */
  provider?: string;
  llmCalls: number;
  /** The deterministic parser's confidence (what the threshold was compared with). */
  parserConfidence: number;
}

export type RoutedAnswer = AskAnswer & { route: RouteInfo };

/** Answers an already-parsed question deterministically (the answer engine's entry point). */
export type AnswerParsed = (parsed: ParsedQuestion, ctx: AnswerContext, options: { lang: Lang }) => Promise<AskAnswer>;

/** The deterministic engine on question text (it parses the question itself). */
export type AnswerText = (question: string, ctx: AnswerContext, options: { lang?: Lang }) => Promise<AskAnswer>;

export interface RouterOptions {
  /** The configured LLM, or null for the deterministic engine only. */
  llm: LlmClient | null;
  answerQuestion: AnswerText;
  /**
   * The engine on an already-parsed question, needed to answer an LLM-classified one. Without it the
   * LLM only words answers (unsure questions get the deterministic parse).
   */
  answerParsed?: AnswerParsed;
  lang?: Lang;
}

function reasonOf(err: unknown): string {
  const e = PromptOpsError.from(err);
  return `${e.code}: ${e.message.slice(0, 160)}`;
}

/**
 * Whether the parser is unsure: a matched intent below the threshold, or `unknown` because no cue
 * matched (a paraphrase the cues do not know). An injection attempt or an off-topic question is a
 * confident `unknown` and is never forwarded to a model.
 */
export function needsLlm(parsed: ParsedQuestion, threshold: number): boolean {
  if (parsed.intent === 'unknown') return parsed.reason === 'no_intent';
  return parsed.confidence < threshold;
}

/** Parses `question`: deterministic when sure, else the LLM classifier, else deterministic again. */
export async function routeQuestion(
  question: string,
  ctx: Pick<AnswerContext, 'now' | 'timeZone' | 'instances'>,
  session: LlmSession | null,
  threshold: number,
): Promise<{ parsed: ParsedQuestion; path: ParsePath; parserConfidence: number; note?: string }> {
  const parsed = parseQuestion(question, {
    now: ctx.now,
    timeZone: ctx.timeZone,
    ...(ctx.instances ? { instances: ctx.instances } : {}),
  });
  if (session === null || !needsLlm(parsed, threshold) || !session.canCall())
    return { parsed, path: 'deterministic', parserConfidence: parsed.confidence };
  try {
    const llmParsed = await classifyWithLlm(session, question, {
      now: ctx.now,
      timeZone: ctx.timeZone,
      lang: parsed.lang,
      ...(ctx.instances ? { instances: ctx.instances } : {}),
    });
    return {
      parsed: llmParsed,
      path: 'llm',
      parserConfidence: parsed.confidence,
      note: `intent chosen by the LLM (${session.label}) because the parser was unsure (${parsed.intent === 'unknown' ? 'no intent matched' : `confidence ${parsed.confidence.toFixed(2)} < ${threshold}`}); times and parameters resolved by the deterministic parser`,
    };
  } catch (err) {
    return {
      parsed,
      path: 'deterministic-fallback',
      parserConfidence: parsed.confidence,
      note: `the LLM could not classify the question (${reasonOf(err)}); the deterministic parse was used`,
    };
  }
}

/** The whole ask pipeline with the optional LLM; with `llm: null` it is the deterministic engine. */
export async function answerWithRouter(
  question: string,
  ctx: AnswerContext,
  options: RouterOptions,
): Promise<RoutedAnswer> {
  const llm = options.llm;
  const session = llm ? llm.session() : null;
  const threshold = llm?.config.confidenceThreshold ?? 0;
  const routed = await routeQuestion(question, ctx, options.answerParsed ? session : null, threshold);
  const lang = options.lang ?? routed.parsed.lang;
  // Only an LLM-classified question needs the parsed entry; otherwise the engine parses exactly as here.
  const base =
    routed.path === 'llm' && options.answerParsed
      ? await options.answerParsed(routed.parsed, ctx, { lang })
      : await options.answerQuestion(question, ctx, options.lang === undefined ? {} : { lang: options.lang });
  const caveats = [...base.caveats];
  if (routed.note) caveats.push(routed.note);
  let answer = base.answer;
  let phrase: PhrasePath = 'deterministic';
  if (session && llm?.config.phrase && base.intent !== 'unknown' && session.canCall()) {
    try {
      const out = await phraseWithLlm(session, {
        question,
        lang,
        intent: base.intent,
        answer: base.answer,
        data: base.data,
        caveats: base.caveats,
        extraSources: [base.params, base.evidence],
      });
      if (out.kind === 'phrased') {
        answer = out.text;
        phrase = 'llm';
        caveats.push(`worded by the LLM (${session.label}); every number checked against the tool data`);
      } else {
        phrase = 'llm-rejected';
        caveats.push(
          `the LLM's wording was discarded: it stated numbers not in the data (${out.unsupported.join(', ')}); deterministic wording shown`,
        );
      }
    } catch (err) {
      phrase = 'deterministic-fallback';
      caveats.push(`the LLM could not word the answer (${reasonOf(err)}); deterministic wording shown`);
    }
  }
  return {
    ...base,
    answer,
    // The router's own notes are written in English; a Korean answer shows them in Korean.
    caveats: localiseCaveats(caveats, lang),
    route: {
      parse: routed.path,
      phrase,
      ...(llm ? { provider: llm.label } : {}),
      llmCalls: session?.callsUsed ?? 0,
      parserConfidence: routed.parserConfidence,
    },
  };
}
