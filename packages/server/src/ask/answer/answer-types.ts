/**
 * The shape of an ask answer (the body of `POST /api/v1/ask`, the CLI's `--json`, the MCP `ask` tool):
 * intent, resolved parameters, the text answer, the table behind it, an optional chart, the evidence
 * and the caveats. Also the draft each intent handler returns before composition and masking.
 */
import type { IntentName, Lang, ParsedQuestion } from '../parse/index.js';
import type { ToolContext, ToolEvidence } from '../tools/tool-types.js';
import type { Fact } from './compose-answer.js';

export type Cell = string | number | boolean | null;

/** The table behind an answer: column keys in display order and one object per row. */
export interface AnswerTable {
  columns: string[];
  rows: Record<string, Cell>[];
}

/** An ECharts option object (https://echarts.apache.org/en/option.html), JSON only. */
export type ChartOption = Record<string, unknown>;

export interface AskAnswer {
  intent: IntentName;
  /** The parser's confidence, 0..1. */
  confidence: number;
  lang: Lang;
  /** The parameters as resolved (ISO 8601 UTC times; the answer text echoes them in local time). */
  params: ParsedQuestion['params'];
  answer: string;
  data: AnswerTable;
  chart?: ChartOption;
  evidence: ToolEvidence[];
  caveats: string[];
  /** Related endpoints (the full report of a report question). */
  links?: string[];
}

export interface AnswerContext extends ToolContext {
  /** Known instance names, for "2번 서버" and exact spellings (default: the live instances). */
  instances?: readonly string[];
  /** Whether `GET /api/v1/reports/...` is served (the report generator is a separate component). */
  reportsAvailable?: boolean;
}

/** What an intent handler produces; `composeAnswer` turns it into text, dropping unsupported facts. */
export interface AnswerDraft {
  /** The resolved parameters, in words (period in local time, mode, window): always shown first. */
  echo: string;
  /** Numeric statements, each citing the evidence it came from. */
  facts: Fact[];
  /** Statements without numbers (explanations, next steps). */
  notes?: string[];
  data: AnswerTable;
  chart?: ChartOption;
  evidence: ToolEvidence[];
  caveats: string[];
  links?: string[];
}
