/** The MCP server: the ask tools, `ask` and `search_runbooks` over stdio or streamable HTTP. */
export type { McpBackend } from './mcp-backend.js';
export { localBackend, type LocalBackendOptions } from './local-backend.js';
export { remoteBackend } from './remote-backend.js';
export { createMcpServer } from './mcp-server.js';
export { handleMcpHttp } from './mcp-http.js';
