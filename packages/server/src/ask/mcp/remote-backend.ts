/**
 * The MCP backend of `promptops mcp --server URL`: every call goes to a running server's REST API
 * (`POST /api/v1/tools/{name}`, `POST /api/v1/ask`, `GET /api/v1/runbooks/search`), so the MCP process
 * never opens the data directory the server owns. Server errors keep their code.
 */
import { z } from 'zod';
import { ERROR_STATUS, PromptOpsError, type ErrorCode } from '../../errors/promptops-error.js';
import type { AskAnswer } from '../answer/answer-types.js';
import type { RunbookHit } from '../runbooks/index.js';
import type { ToolResult } from '../tools/tool-types.js';
import type { McpBackend } from './mcp-backend.js';

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Per-request limit: an answer over a year of rollups takes seconds, not minutes. */
const REQUEST_TIMEOUT_MS = 60_000;

async function call<T>(url: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    throw new PromptOpsError('unavailable', `promptops server at ${url} is unreachable: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new PromptOpsError('malformed_payload', `${url} answered ${res.status} with non-JSON`, { cause: err });
  }
  if (!res.ok) {
    const e = errorSchema.safeParse(body);
    const code = e.success && e.data.error.code in ERROR_STATUS ? (e.data.error.code as ErrorCode) : 'unavailable';
    throw new PromptOpsError(code, e.success ? e.data.error.message : `${url} answered ${res.status}`);
  }
  return body as T;
}

export function remoteBackend(serverUrl: string): McpBackend {
  const base = serverUrl.replace(/\/+$/, '');
  const post = <T>(path: string, body: unknown): Promise<T> =>
    call<T>(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return {
    runTool: (name, input) => post<ToolResult<unknown>>(`/api/v1/tools/${encodeURIComponent(name)}`, input ?? {}),
    ask: (question, lang) => post<AskAnswer>('/api/v1/ask', lang === undefined ? { question } : { question, lang }),
    searchRunbooks: async (query, limit) =>
      (
        await call<{ hits: RunbookHit[] }>(
          `${base}/api/v1/runbooks/search?${new URLSearchParams({ q: query, limit: String(limit) })}`,
          { method: 'GET' },
        )
      ).hits,
  };
}
