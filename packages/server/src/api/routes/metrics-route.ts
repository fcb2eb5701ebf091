/** `GET /metrics`: the Prometheus scrape endpoint (text exposition format 0.0.4). */
import type { Hono } from 'hono';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { collectorMetricFamilies } from '../prometheus/collector-metrics.js';
import { PROMETHEUS_CONTENT_TYPE, renderExposition } from '../prometheus/exposition.js';

export function registerMetricsRoute(app: Hono, ctx: ApiContext): void {
  app.get('/metrics', (c) => {
    const text = renderExposition(collectorMetricFamilies(ctx.collector.liveSnapshot(), ctx.counters.snapshot()));
    return c.body(text, 200, { 'Content-Type': PROMETHEUS_CONTENT_TYPE });
  });
  guardMethods(app, '/metrics', ['GET', 'HEAD']);
}
