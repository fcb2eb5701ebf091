/**
 * The page at `/` until the dashboard lands: says plainly what this server is and links to what
 * works today (the REST API, /metrics, health), rather than pretending to be a dashboard.
 */
import type { Hono } from 'hono';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PromptOps collector</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
code { background: #eef1f5; padding: 0 .25rem; border-radius: 3px; }
li { margin: .25rem 0; }
</style>
</head>
<body>
<h1>PromptOps collector</h1>
<p>This server collects transactions (OTLP/HTTP on <code>/v1/traces</code>, <code>/v1/metrics</code>,
<code>/v1/logs</code>; access logs and session events on <code>/api/v1/ingest/…</code>) and counts real
concurrent users. The web dashboard is not part of this build yet; the data is available here:</p>
<ul>
<li><a href="/api/v1/concurrent-users">/api/v1/concurrent-users</a> — concurrent users now, per instance, with the error band</li>
<li><a href="/api/v1/series?metric=ccu&amp;from=-1h&amp;step=1m">/api/v1/series?metric=ccu&amp;from=-1h&amp;step=1m</a> — CCU history</li>
<li><a href="/api/v1/transactions?limit=50">/api/v1/transactions</a> — recent transactions</li>
<li><a href="/api/v1/sessions">/api/v1/sessions</a> — sessions seen</li>
<li><a href="/metrics">/metrics</a> — Prometheus metrics</li>
<li><a href="/healthz">/healthz</a>, <a href="/readyz">/readyz</a> — health</li>
</ul>
</body>
</html>
`;

export function registerRootPage(app: Hono): void {
  app.get('/', (c) => c.html(PAGE));
}
