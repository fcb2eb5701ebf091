/**
 * What the MCP server answers from, behind one interface: in-process (the collector of `--data DIR`,
 * or the serving collector for `/mcp` on the main listener) or over HTTP (`--server URL`, through the
 * REST API). The MCP layer itself never touches a collector, so both transports behave the same.
 */
import type { AskAnswer } from '../answer/answer-types.js';
import type { Lang } from '../parse/index.js';
import type { RunbookHit } from '../runbooks/index.js';
import type { ToolResult } from '../tools/tool-types.js';

export interface McpBackend {
  /** Runs a registry tool with untrusted input (validated by the tool's schema). */
  runTool(name: string, input: unknown): Promise<ToolResult<unknown>>;
  /** The full ask pipeline: question → answer JSON. */
  ask(question: string, lang?: Lang): Promise<AskAnswer>;
  searchRunbooks(query: string, limit: number): Promise<RunbookHit[]>;
}
