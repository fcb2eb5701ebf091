/**
 * Liveness and readiness for orchestrators: `/healthz` answers 200 while the process serves HTTP;
 * `/readyz` answers 200 only when the collector is ready (store open, state recovered) and 503
 * otherwise, so a load balancer does not send traffic to a collector that would refuse it.
 */
import type { Hono } from 'hono';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';

export function registerHealthRoutes(app: Hono, ctx: ApiContext): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) =>
    ctx.isReady()
      ? c.json({ status: 'ready' })
      : c.json({ status: 'not_ready', error: { code: 'unavailable', message: 'the collector is not ready' } }, 503),
  );
  guardMethods(app, '/healthz', ['GET', 'HEAD']);
  guardMethods(app, '/readyz', ['GET', 'HEAD']);
}
