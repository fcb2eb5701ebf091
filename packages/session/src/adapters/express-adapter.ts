/**
 * What the Express adapter borrows from express-session: the `Store.prototype` methods
 * (`createSession`, `regenerate`, `load`) that express-session calls on every store, loaded lazily so
 * apps that only use Fastify or Koa do not need express-session installed.
 */
import { createRequire } from 'node:module';
import type { RequestContext } from '../core/session-core.js';

type Callback = (err?: unknown, value?: unknown) => void;

export interface ExpressStoreMethods {
  createSession(this: unknown, req: unknown, sess: unknown): unknown;
  regenerate(this: unknown, req: unknown, fn: Callback): void;
  load(this: unknown, sid: string, fn: Callback): void;
}

let proto: ExpressStoreMethods | undefined;

export function expressStoreMethods(): ExpressStoreMethods {
  if (!proto) {
    const require = createRequire(import.meta.url);
    const mod = require('express-session') as { Store: { prototype: ExpressStoreMethods } };
    proto = mod.Store.prototype;
  }
  return proto;
}

interface ExpressLikeRequest {
  ip?: string;
  socket?: { remoteAddress?: string };
  headers?: Record<string, string | string[] | undefined>;
}

/** express-session's Session keeps its request as a non-enumerable `req`; events use its address and agent. */
export function contextOfExpressSession(sess: object): RequestContext {
  const req = (sess as { req?: ExpressLikeRequest }).req;
  if (!req) return {};
  const ua = req.headers?.['user-agent'];
  return {
    clientIp: req.ip ?? req.socket?.remoteAddress,
    userAgent: Array.isArray(ua) ? ua[0] : ua,
  };
}

export interface ExpressLikeResponse {
  statusCode: number;
  headersSent?: boolean;
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

export type ExpressMiddleware = (req: never, res: never, next: never) => unknown;
