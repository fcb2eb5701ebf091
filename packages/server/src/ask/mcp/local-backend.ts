/**
 * The in-process MCP backend: tools run against a collector read API with a fresh ask context per
 * call (so "now" moves), answers come from the ask engine (incident answers with runbook citations),
 * runbooks from the local index.
 */
import type { CollectorReadApi } from '../../collector/collector-types.js';
import { answerQuestion } from '../answer/answer-question.js';
import { askContextOf } from '../answer/ask-context.js';
import type { AnswerContext, AskAnswer } from '../answer/answer-types.js';
import type { Lang } from '../parse/index.js';
import { searchRunbooks, withRunbooks } from '../runbooks/index.js';
import { runTool } from '../tools/index.js';
import type { CapacityConfig } from '../tools/tool-types.js';
import type { McpBackend } from './mcp-backend.js';

export interface LocalBackendOptions {
  collector: CollectorReadApi;
  /** Runbook folder searched by `search_runbooks`. */
  runbookDir: string;
  timeZone?: string;
  capacity?: CapacityConfig;
  /** Clock for "now"; default the collector's own (its live snapshot). */
  now?: () => number;
  /** Replaces the deterministic ask engine (the LLM router, when configured). */
  ask?: (question: string, ctx: AnswerContext, lang?: Lang) => Promise<AskAnswer>;
}

export function localBackend(options: LocalBackendOptions): McpBackend {
  const context = (): AnswerContext =>
    askContextOf(options.collector, {
      ...(options.now ? { now: options.now() } : {}),
      ...(options.timeZone ? { timeZone: options.timeZone } : {}),
      ...(options.capacity ? { capacity: options.capacity } : {}),
    });
  return {
    runTool: (name, input) => runTool(name, context(), input),
    ask: async (question, lang) => {
      const answer = options.ask
        ? await options.ask(question, context(), lang)
        : await answerQuestion(question, context(), lang === undefined ? {} : { lang });
      // Incident, security and capacity answers cite the runbook passages that match.
      return withRunbooks(answer, question, { dir: options.runbookDir });
    },
    searchRunbooks: (query, limit) => searchRunbooks(query, { limit, dir: options.runbookDir }),
  };
}
