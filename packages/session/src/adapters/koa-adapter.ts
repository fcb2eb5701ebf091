/**
 * Koa middleware over the core: `ctx.session` is a plain object loaded from the store and saved when
 * changed (touched otherwise). Cookies use express-session's signed format, so a Koa app shares
 * sessions with Express and Fastify apps given the same cookie name and secret.
 */
import { randomBytes } from 'node:crypto';
import type { RequestContext, SessionCore } from '../core/session-core.js';
import { SessionStoreError } from '../core/session-error.js';
import type { SessionData } from '../core/session-record.js';
import { BASE_FIELD } from '../core/session-record.js';
import { cookieValueOf, sessionIdOf } from './cookie-signature.js';

export interface KoaSessionOptions {
  /** Secret(s) signing the cookie; the first signs, all verify (rotation). */
  secret: string | string[];
  /** Cookie name; `connect.sid` matches express-session's default. */
  cookieName?: string;
  /** Session lifetime in ms (cookie `maxAge`); default one day. */
  maxAgeMs?: number;
  /** Store sessions nobody wrote to (default false, like express-session's saveUninitialized). */
  saveUninitialized?: boolean;
  cookie?: {
    path?: string;
    domain?: string;
    secure?: boolean;
    sameSite?: 'lax' | 'strict' | 'none';
    httpOnly?: boolean;
  };
}

/** The parts of Koa's context the middleware uses (structural, so the library needs no Koa types). */
export interface KoaLikeContext {
  path: string;
  ip: string;
  get(header: string): string;
  cookies: {
    get(name: string, opts?: { signed?: boolean }): string | undefined;
    set(name: string, value: string | null, opts?: Record<string, unknown>): unknown;
  };
  status: number;
  body: unknown;
  session?: SessionData | null;
  sessionId?: string;
  /** Ends the session (logout); the cookie is cleared. */
  destroySession?: () => Promise<void>;
  /** Ends the session and starts a fresh one (call on login to prevent fixation). */
  regenerateSession?: () => Promise<void>;
}

export type KoaMiddleware = (ctx: KoaLikeContext, next: () => Promise<unknown>) => Promise<void>;

const newSessionId = () => randomBytes(24).toString('base64url');

function contentOf(s: SessionData): string {
  return JSON.stringify(s, (k, v: unknown) => (k === 'cookie' || k === BASE_FIELD ? undefined : v));
}

export function koaMiddleware(core: SessionCore, options: KoaSessionOptions): KoaMiddleware {
  const secrets = Array.isArray(options.secret) ? options.secret : [options.secret];
  if (secrets.length === 0 || !secrets[0]) throw new SessionStoreError('invalid_option', 'koa(): secret is required');
  const name = options.cookieName ?? 'connect.sid';
  const maxAge = options.maxAgeMs ?? 86_400_000;
  const cookieOpts = { path: '/', httpOnly: true, ...options.cookie };

  return async (ctx, next) => {
    if (!core.shouldCreateSession({ path: ctx.path, userAgent: ctx.get('user-agent') })) {
      await next();
      return;
    }
    const reqCtx: RequestContext = { clientIp: ctx.ip, userAgent: ctx.get('user-agent') || undefined };
    const raw = ctx.cookies.get(name, { signed: false });
    let sid = raw ? sessionIdOf(raw, secrets) : undefined;
    let session = sid ? await core.get(sid) : null;
    let isNew = false;
    const fresh = () => {
      sid = newSessionId();
      isNew = true;
      session = { cookie: { originalMaxAge: maxAge, ...cookieOpts } };
    };
    if (!session || !sid) fresh();
    let original = contentOf(session as SessionData);
    let destroyed = false;

    ctx.session = session;
    ctx.sessionId = sid;
    ctx.destroySession = async () => {
      if (sid) await core.end(sid, 'logout');
      destroyed = true;
      ctx.session = null;
    };
    ctx.regenerateSession = async () => {
      if (sid && !isNew) await core.end(sid, 'logout');
      fresh();
      original = '';
      destroyed = false;
      ctx.session = session;
      ctx.sessionId = sid;
    };

    await next();

    if (destroyed || !sid || !ctx.session) {
      ctx.cookies.set(name, null, { ...cookieOpts, expires: new Date(0) });
      return;
    }
    const current = ctx.session;
    const expires = new Date(Date.now() + maxAge);
    current.cookie = { ...(current.cookie as object), originalMaxAge: maxAge, expires: expires.toISOString() };
    const changed = contentOf(current) !== original;
    if (changed || (isNew && options.saveUninitialized)) await core.set(sid, current, reqCtx);
    else if (!isNew) await core.touch(sid, current, reqCtx);
    else return;
    ctx.cookies.set(name, encodeURIComponent(cookieValueOf(sid, secrets[0])), { ...cookieOpts, expires });
  };
}
