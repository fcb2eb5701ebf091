/**
 * `GET /api/v1/live`: a Server-Sent Events stream of the live view (CCU with its band, sessions,
 * transactions/s, errors/s, p95, CPU, memory; total and per instance) every `interval` seconds,
 * default 2 — what the dashboard draws, usable by any client (`curl -N`, `EventSource`).
 * `GET /api/v1/live/now` answers the same view once as JSON.
 */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { parseQuery } from '../http/parse-query.js';
import { intParam } from '../http/query-params.js';
import { LiveSampler } from './live-view.js';

const liveQuery = z.object({ interval: intParam(1, 60).optional() });

export function registerLiveRoutes(app: Hono, ctx: ApiContext): void {
  const sampler = new LiveSampler(ctx.collector, ctx.now);

  app.get('/api/v1/live', (c) => {
    const q = parseQuery(new URL(c.req.url), liveQuery);
    const intervalMs = (q.interval ?? 2) * 1000;
    c.header('Cache-Control', 'no-store');
    // Proxies such as nginx buffer responses by default, which would hold events back.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(
      c,
      async (stream) => {
        let id = 0;
        // The client reconnects after `retry` ms if the connection drops.
        await stream.writeSSE({
          event: 'hello',
          data: JSON.stringify({ intervalSeconds: intervalMs / 1000 }),
          retry: 5000,
        });
        while (!stream.aborted && !stream.closed) {
          const view = await sampler.sample();
          await stream.writeSSE({ event: 'live', id: String(++id), data: JSON.stringify(view) });
          await stream.sleep(intervalMs);
        }
      },
      async (err, stream) => {
        ctx.log('live stream failed', err);
        await stream.writeSSE({
          event: 'error',
          data: JSON.stringify({ error: { code: 'internal', message: err.message } }),
        });
      },
    );
  });
  guardMethods(app, '/api/v1/live', ['GET']);

  app.get('/api/v1/live/now', async (c) => {
    parseQuery(new URL(c.req.url), z.object({}));
    c.header('Cache-Control', 'no-store');
    return c.json(await sampler.sample());
  });
  guardMethods(app, '/api/v1/live/now', ['GET', 'HEAD']);
}
