/**
 * @fastify/session store contract (`get`/`set`/`destroy` with callbacks) over the core. Sessions are
 * stored in the same layout as express-session's, so with `cookiePrefix: 's:'` and the same secret an
 * Express app and a Fastify app share sessions.
 */
import type { RequestContext, SessionCore } from '../core/session-core.js';

type Callback<T = void> = (err?: Error | null, value?: T) => void;

export interface FastifySessionStore {
  /** Generic in the session type so @fastify/session's typings accept the store as is. */
  get<S = Record<string, unknown>>(sessionId: string, callback: (err?: Error | null, session?: S | null) => void): void;
  set(sessionId: string, session: object, callback: Callback): void;
  destroy(sessionId: string, callback: Callback): void;
}

interface FastifyLikeRequest {
  ip?: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** @fastify/session keeps the request under a private `Symbol('request')`. */
function contextOfFastifySession(session: object): RequestContext {
  const key = Object.getOwnPropertySymbols(session).find((s) => s.description === 'request');
  const req = key ? ((session as Record<symbol, unknown>)[key] as FastifyLikeRequest | undefined) : undefined;
  if (!req) return {};
  const ua = req.headers?.['user-agent'];
  return { clientIp: req.ip, userAgent: Array.isArray(ua) ? ua[0] : ua };
}

export function fastifyStore(core: SessionCore): FastifySessionStore {
  const toError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
  return {
    get(sessionId, callback) {
      core.get(sessionId).then(
        (s) => callback(null, s as never),
        (err: unknown) => callback(toError(err)),
      );
    },
    set(sessionId, session, callback) {
      core.set(sessionId, session, core.reportsEvents ? contextOfFastifySession(session) : {}).then(
        () => callback(null),
        (err: unknown) => callback(toError(err)),
      );
    },
    destroy(sessionId, callback) {
      core.end(sessionId, 'logout').then(
        () => callback(null),
        (err: unknown) => callback(toError(err)),
      );
    },
  };
}
