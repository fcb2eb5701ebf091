/**
 * The in-process MCP backend: tools run against a collector read API with a fresh ask context per
 * call (so "now" moves), answers come from the ask engine, runbooks from the local index.
 */
import type { CollectorReadApi } from '../../collector/collector-types.js';
import { answerQuestion } from '../answer/answer-question.js';
import { askContextOf } from '../answer/ask-context.js';
import type { AnswerContext, AskAnswer } from '../answer/answer-types.js';
import type { Lang } from '../parse/index.js';
import { searchRunbooks } from '../runbooks/index.js';
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
    ask: (question, lang) =>
      options.ask
        ? options.ask(question, context(), lang)
        : answerQuestion(question, context(), lang === undefined ? {} : { lang }),
    searchRunbooks: (query, limit) => searchRunbooks(query, { limit, dir: options.runbookDir }),
  };
}
