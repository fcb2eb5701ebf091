/**
 * @promptops/session: a session store for Node web apps (express-session, @fastify/session, Koa) on
 * memory or Redis (standalone, Sentinel, Cluster), with duplicate-login policy, a creation filter,
 * Tomcat-style metrics and session events for the PromptOps collector.
 */
export { createSessionStore, SessionStore } from './store/session-store.js';
export type { SessionStoreOptions, ParsedStoreOptions } from './core/store-options.js';
export { parseStoreOptions } from './core/store-options.js';
export { SessionStoreError, SESSION_ERROR_STATUS } from './core/session-error.js';
export type { SessionErrorCode } from './core/session-error.js';
export type { SessionData, EndReason } from './core/session-record.js';
export { ENDED_FIELD } from './core/session-record.js';
export type { DuplicateLoginPolicy, LoginResult, UserSessionEntry } from './backend/backend.js';
export { keyLayout } from './backend/key-layout.js';
/** The compare-and-set script, for apps in other runtimes that write sessions (README, "Key layout"). */
export { WRITE_SCRIPT as SESSION_WRITE_SCRIPT } from './backend/redis-scripts.js';
export type { KeyLayout } from './backend/key-layout.js';
export { parseRedisUrl } from './backend/redis-connection.js';
export type { RedisTarget } from './backend/redis-connection.js';
export type { SessionMetricsSnapshot } from './metrics/session-metrics.js';
export type { SessionEvent, SessionEventType, SessionEventBatch, SessionGauge } from './events/session-event.js';
export { SESSION_EVENT_TYPES } from './events/session-event.js';
export { CRAWLER_PATTERNS } from './policy/creation-filter.js';
export type { FastifySessionStore } from './adapters/fastify-adapter.js';
export type { KoaSessionOptions, KoaMiddleware, KoaLikeContext } from './adapters/koa-adapter.js';
export { sessionIdOf, cookieValueOf } from './adapters/cookie-signature.js';
