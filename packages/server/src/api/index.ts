/**
 * The HTTP layer's public surface: `createApp` (no socket; `app.request()` in tests), `startServer`
 * (binds it; used by `serve` and `demo`) and their option types. Routes and helpers stay internal.
 */
export { createApp } from './app.js';
export type { ApiDeps } from './app.js';
export { DEFAULT_HOST, DEFAULT_PORT, startServer } from './server.js';
export type { RunningServer, StartServerOptions } from './server.js';
export type { ApiLimits, QueryLimits, ServedCollector } from './api-context.js';
export { DEFAULT_QUERY_LIMITS } from './api-context.js';
export { DEFAULT_BODY_LIMITS } from './http/read-body.js';
export type { BodyLimits } from './http/read-body.js';
