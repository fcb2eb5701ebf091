/**
 * The one ask pipeline every surface uses (REST `POST /api/v1/ask`, MCP over HTTP and stdio): the
 * LLM router when an LLM is configured — with the parsed-question entry, so a question the LLM
 * classified is answered with the LLM's intent —, else the deterministic engine. Runbook citations are
 * attached by the caller (`withRunbooks`), the same way on every surface.
 */
import { answerParsedQuestion, answerQuestion } from '../answer/answer-question.js';
import type { AnswerContext, AskAnswer } from '../answer/answer-types.js';
import type { Lang } from '../parse/index.js';
import { answerWithRouter, type RoutedAnswer } from './ask-router.js';
import type { LlmClient } from './llm-client.js';

export type AskFunction = (question: string, ctx: AnswerContext, lang?: Lang) => Promise<AskAnswer | RoutedAnswer>;

/** The ask function for a process: routed through `llm` when one is configured, deterministic otherwise. */
export function routedAsk(llm: LlmClient | null | undefined): AskFunction {
  if (!llm) return (question, ctx, lang) => answerQuestion(question, ctx, lang === undefined ? {} : { lang });
  return (question, ctx, lang) =>
    answerWithRouter(question, ctx, {
      llm,
      answerQuestion,
      answerParsed: answerParsedQuestion,
      ...(lang === undefined ? {} : { lang }),
    });
}
