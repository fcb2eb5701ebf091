/**
 * The ask engine: `answerQuestion` (question → answer with evidence), the tool registry the MCP server
 * exposes, the parser and the masker. Callers outside `ask/` import from here.
 */
export { answerQuestion, MAX_QUESTION_CHARS, type AnswerOptions } from './answer/answer-question.js';
export type { AnswerContext, AnswerTable, AskAnswer, Cell, ChartOption } from './answer/answer-types.js';
export { composeAnswer, type Fact } from './answer/compose-answer.js';
export { askContextOf } from './answer/ask-context.js';
export { ASK_TOOLS, listTools, runTool, type AskToolName } from './tools/index.js';
export type { AskTool, ToolContext, ToolEvidence, ToolResult, EvidenceLayer, CapacityConfig } from './tools/index.js';
export { parseQuestion, INTENT_CATALOG, type Lang, type IntentName } from './parse/index.js';
export { maskText } from './mask/index.js';
