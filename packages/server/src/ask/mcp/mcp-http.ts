/**
 * Streamable HTTP transport of the MCP server for `/mcp` on the main listener, stateless: each POST
 * gets a fresh server and transport (no session to leak or pin to one collector process), with plain
 * JSON responses. GET/DELETE (server-initiated streams, session end) have nothing to serve: 405.
 */
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { McpBackend } from './mcp-backend.js';
import { createMcpServer } from './mcp-server.js';

export async function handleMcpHttp(backend: McpBackend, req: Request): Promise<Response> {
  const server = createMcpServer(backend);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(req);
  } finally {
    await server.close();
  }
}
