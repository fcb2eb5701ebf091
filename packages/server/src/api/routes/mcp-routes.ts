/**
 * MCP and tool routes on the main listener:
 * - `POST /mcp`: the MCP server over streamable HTTP (stateless, JSON responses);
 * - `GET /api/v1/tools`, `POST /api/v1/tools/{name}`: the ask tool registry over REST (what
 *   `promptops mcp --server URL` calls), results masked like every answer;
 * - `GET /api/v1/runbooks/search?q=&limit=`: runbook passages cited by file and heading.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { routedAsk, type LlmClient } from '../../ask/llm/index.js';
import { maskStructured } from '../../ask/mask/index.js';
import { localBackend, handleMcpHttp, type McpBackend } from '../../ask/mcp/index.js';
import { resolveRunbookDir, searchRunbooksInputSchema } from '../../ask/runbooks/index.js';
import { listTools } from '../../ask/tools/index.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { readBody } from '../http/read-body.js';
import { readJsonBody } from './mask-routes.js';

/** Tool inputs are small JSON objects; anything bigger is a mistake or an attack. */
const MAX_TOOL_BODY_BYTES = 64 * 1024;
/** A JSON-RPC message (or batch) of tool calls; questions are at most 2,000 characters. */
const MAX_MCP_BODY_BYTES = 1024 * 1024;
/** The tool validates its own input; the edge only checks it is a JSON object. */
const toolInputSchema = z.record(z.unknown());

export interface McpRouteOptions {
  /** Runbook folder (`--runbooks`); default `runbooks/` in the data dir, else the demo set. */
  runbookDir?: string;
  /** IANA zone of the deployment for answers; default Asia/Seoul. */
  timeZone?: string;
  /** The configured LLM (from `llmFromEnv()` at start-up): `ask` then goes through the LLM router. */
  llm?: LlmClient | null;
  /** Browser origins allowed to call /mcp besides loopback ones (e.g. `https://ops.example.com`). */
  allowedOrigins?: readonly string[];
  /** Replaces the in-process backend (tests, a configured LLM router). */
  backend?: McpBackend;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * DNS-rebinding protection the MCP specification asks for: a browser page on another site that
 * resolves its name to this host still sends its own Origin, so a browser request from an origin that
 * is neither loopback nor allowed is refused. MCP clients that are not browsers send no Origin.
 */
function checkOrigin(origin: string | undefined, allowed: readonly string[]): void {
  if (origin === undefined || allowed.includes(origin)) return;
  let host: string | undefined;
  try {
    host = new URL(origin).hostname;
  } catch {
    host = undefined;
  }
  if (host !== undefined && LOOPBACK_HOSTS.has(host)) return;
  throw new PromptOpsError(
    'unauthorized',
    `requests from origin '${origin}' may not use /mcp (DNS rebinding protection); allow it with the MCP allowedOrigins option`,
  );
}

export function registerMcpRoutes(app: Hono, ctx: ApiContext, options: McpRouteOptions = {}): void {
  const backend =
    options.backend ??
    localBackend({
      collector: ctx.collector,
      runbookDir: options.runbookDir ?? resolveRunbookDir(),
      now: ctx.now,
      ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
      ...(options.llm ? { ask: routedAsk(options.llm) } : {}),
    });

  app.post('/mcp', async (c) => {
    checkOrigin(c.req.header('origin'), options.allowedOrigins ?? []);
    // The SDK would buffer any body; read it here under the limit (413 past it), then hand it over.
    const bytes = await readBody(c.req.raw, {
      maxBodyBytes: MAX_MCP_BODY_BYTES,
      maxDecompressedBytes: MAX_MCP_BODY_BYTES,
    });
    const headers = new Headers(c.req.raw.headers);
    headers.delete('content-encoding');
    headers.delete('content-length');
    return handleMcpHttp(backend, new Request(c.req.raw.url, { method: 'POST', headers, body: Buffer.from(bytes) }));
  });
  guardMethods(app, '/mcp', ['POST']);

  app.get('/api/v1/tools', (c) =>
    c.json({
      tools: listTools().map((t) => ({
        name: t.name,
        description: t.description,
        inputSchema: zodToJsonSchema(t.input, { $refStrategy: 'none' }),
      })),
    }),
  );
  guardMethods(app, '/api/v1/tools', ['GET', 'HEAD']);

  app.post('/api/v1/tools/:name', async (c) => {
    const input = await readJsonBody(c.req.raw, toolInputSchema, MAX_TOOL_BODY_BYTES);
    const result = await backend.runTool(c.req.param('name'), input);
    return c.json(maskStructured(result, { level: 'partial' }).value);
  });
  guardMethods(app, '/api/v1/tools/:name', ['POST']);

  app.get('/api/v1/runbooks/search', async (c) => {
    const limit = c.req.query('limit');
    const parsed = searchRunbooksInputSchema.safeParse({
      query: c.req.query('q') ?? '',
      ...(limit === undefined ? {} : { limit: Number(limit) }),
    });
    if (!parsed.success)
      throw new PromptOpsError(
        'invalid_parameter',
        parsed.error.issues
          .map((i) => `${i.path.join('.') === 'query' ? 'q' : i.path.join('.')}: ${i.message}`)
          .join('; '),
      );
    const hits = await backend.searchRunbooks(parsed.data.query, parsed.data.limit);
    return c.json(maskStructured({ hits }, { level: 'partial' }).value);
  });
  guardMethods(app, '/api/v1/runbooks/search', ['GET', 'HEAD']);
}
