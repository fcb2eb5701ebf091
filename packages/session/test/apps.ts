/**
 * Small Express, Fastify and Koa apps on the session store, as an operator's app would use it; the
 * end-to-end tests drive them over real HTTP.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import session from 'express-session';
import Fastify from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import Koa from 'koa';
import { SessionStoreError } from '../src/index.js';
import type { KoaLikeContext, SessionStore } from '../src/index.js';

export const SECRET = 'a-test-secret-that-is-at-least-32-characters';
export const MAX_AGE = 10 * 60_000;

export interface RunningApp {
  url: string;
  close(): Promise<void>;
}

declare module 'express-session' {
  interface SessionData {
    userId: string;
    cart: string[];
    visits: number;
    sessionEnded: { reason: string; at: number };
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function expressApp(store: SessionStore): Promise<RunningApp> {
  const app = express();
  app.use(
    store.filter(
      session({
        store,
        secret: SECRET,
        resave: false,
        saveUninitialized: false,
        cookie: { maxAge: MAX_AGE },
      }),
    ),
  );
  app.get('/logo.png', (req, res) => {
    res.json({ hasSession: req.session !== undefined });
  });
  app.get('/login', async (req, res, next) => {
    try {
      const user = String(req.query.user);
      // Checked before answering so reject-new can refuse with 409 (also re-checked atomically on save).
      await store.login(req.sessionID, user);
      req.session.userId = user;
      res.json({ ok: true, sessionId: req.sessionID });
    } catch (err) {
      next(err);
    }
  });
  app.get('/me', (req, res) => {
    req.session.visits = (req.session.visits ?? 0) + 1;
    res.json({
      userId: req.session.userId ?? null,
      visits: req.session.visits,
      cart: req.session.cart ?? [],
      ended: req.session.sessionEnded ?? null,
    });
  });
  app.get('/peek', (req, res) => {
    res.json({
      userId: req.session.userId ?? null,
      cart: req.session.cart ?? [],
      ended: req.session.sessionEnded ?? null,
    });
  });
  app.get('/slow-add', async (req, res) => {
    await sleep(Number(req.query.ms ?? 300));
    req.session.cart = [...(req.session.cart ?? []), String(req.query.item)];
    res.json({ ok: true });
  });
  app.post('/logout', (req, res, next) => {
    req.session.destroy((err) => (err ? next(err) : res.json({ ok: true })));
  });
  app.post('/logout-field', (req, res) => {
    delete req.session.userId;
    res.json({ ok: true });
  });
  app.use(store.errorHandler());
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: { code: 'internal', message: String(err) } });
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export async function fastifyApp(store: SessionStore): Promise<RunningApp> {
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: SECRET,
    cookieName: 'connect.sid',
    // express-session's cookie format, so both apps read the same cookie.
    cookiePrefix: 's:',
    cookie: { secure: false, maxAge: MAX_AGE },
    saveUninitialized: false,
    store: store.fastify(),
  });
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof SessionStoreError) return reply.status(err.status).send(err.toJSON());
    return reply.status(500).send({ error: { code: 'internal', message: String(err) } });
  });
  app.get('/me', async (req) => {
    const s = req.session as unknown as Record<string, unknown>;
    return { userId: s.userId ?? null, visits: s.visits ?? 0, cart: s.cart ?? [] };
  });
  app.get('/add', async (req) => {
    const s = req.session as unknown as Record<string, unknown>;
    const item = (req.query as { item: string }).item;
    s.cart = [...((s.cart as string[] | undefined) ?? []), item];
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
}

export async function koaApp(store: SessionStore): Promise<RunningApp> {
  const app = new Koa();
  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const e = SessionStoreError.from(err);
      ctx.status = e.status;
      ctx.body = e.toJSON();
    }
  });
  app.use(store.koa({ secret: SECRET, maxAgeMs: MAX_AGE }) as unknown as Koa.Middleware);
  app.use(async (c) => {
    const ctx = c as unknown as KoaLikeContext;
    const s = ctx.session ?? {};
    if (ctx.path === '/add') s.cart = [...((s.cart as string[] | undefined) ?? []), String(c.query.item)];
    ctx.body = { userId: s.userId ?? null, cart: s.cart ?? [] };
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
