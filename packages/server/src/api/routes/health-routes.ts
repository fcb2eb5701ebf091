/**
 * Liveness and readiness for orchestrators: `/healthz` answers 200 while the process serves HTTP;
 * `/readyz` answers 200 only when the collector is ready (store open, state recovered, last
 * flush to the store succeeded) and 503 otherwise, so a load balancer does not send traffic to a collector that would refuse it.
 */
import type { Hono } from 'hono';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';

export function registerHealthRoutes(app: Hono, ctx: ApiContext): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => {
    const flushError = ctx.collector.lastFlushError;
    const problem = !ctx.isReady()
      ? 'the collector is not ready (starting or closed)'
      : flushError
        ? `the last write to the store failed: ${flushError.message}`
        : undefined;
    if (problem === undefined) return c.json({ status: 'ready' });
    return c.json({ status: 'not_ready', error: { code: 'unavailable', message: problem } }, 503);
  });
  guardMethods(app, '/healthz', ['GET', 'HEAD']);
  guardMethods(app, '/readyz', ['GET', 'HEAD']);
}
