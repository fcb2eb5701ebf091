/**
 * The PromptOps MCP server (official TypeScript SDK): one read-only tool per capability of the ask
 * tool registry, plus `ask` (question → answer JSON) and `search_runbooks`. Every result is masked
 * (PII, partial level) and returned both as `structuredContent` and as JSON text for clients that
 * read only `content`. Failures are tool errors (`isError`) carrying the PromptOps code, never crashes.
 */
import { createRequire } from 'node:module';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { maskStructured } from '../mask/index.js';
import { INTENT_CATALOG, type IntentName } from '../parse/index.js';
import { searchRunbooksInputSchema } from '../runbooks/index.js';
import { listTools } from '../tools/index.js';
import type { McpBackend } from './mcp-backend.js';
import { askAnswerSchema, askInputSchema, runbookHitsSchema, toolResultSchema } from './mcp-schemas.js';

const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

function result(value: object): CallToolResult {
  const masked = maskStructured(value, { level: 'partial' }).value as Record<string, unknown>;
  return { content: [{ type: 'text', text: JSON.stringify(masked) }], structuredContent: masked };
}

function failure(err: unknown): CallToolResult {
  const e = PromptOpsError.from(err);
  const message = maskStructured(e.message, { level: 'partial' }).value;
  return { isError: true, content: [{ type: 'text', text: `${e.code}: ${message}` }] };
}

async function guarded(run: () => Promise<object>): Promise<CallToolResult> {
  try {
    return result(await run());
  } catch (err) {
    return failure(err);
  }
}

function askDescription(): string {
  const intents = (Object.keys(INTENT_CATALOG) as Exclude<IntentName, 'unknown'>[])
    .map((i) => `${i} (${INTENT_CATALOG[i].summary.en})`)
    .join('; ');
  return `Answer an operations question in Korean or English with the numbers, table, evidence and caveats behind it. Understands: ${intents}.`;
}

export function createMcpServer(backend: McpBackend): McpServer {
  const server = new McpServer({ name: 'promptops', version: VERSION });
  for (const tool of listTools()) {
    server.registerTool(
      tool.name,
      {
        description: tool.description,
        inputSchema: tool.input,
        outputSchema: toolResultSchema,
        annotations: READ_ONLY,
      },
      (input: unknown) => guarded(() => backend.runTool(tool.name, input)),
    );
  }
  server.registerTool(
    'ask',
    {
      description: askDescription(),
      inputSchema: askInputSchema,
      outputSchema: askAnswerSchema,
      annotations: READ_ONLY,
    },
    ({ question, lang }) => guarded(() => backend.ask(question, lang)),
  );
  server.registerTool(
    'search_runbooks',
    {
      description: "Search the operator's runbooks and incident notes (Markdown); passages cite file and heading",
      inputSchema: searchRunbooksInputSchema,
      outputSchema: runbookHitsSchema,
      annotations: READ_ONLY,
    },
    ({ query, limit }) => guarded(async () => ({ hits: await backend.searchRunbooks(query, limit) })),
  );
  return server;
}
