/**
 * The HTTP application: every route of the contract on one Hono app. `createApp` has no socket, so
 * tests drive it with `app.request()`; `startServer` (server.ts) binds it to a port.
 */
import { Hono } from 'hono';
import type { LlmClient } from '../ask/llm/index.js';
import type { ApiContext, ApiLimits, ServedCollector } from './api-context.js';
import { DEFAULT_QUERY_LIMITS } from './api-context.js';
import { handleError, handleNotFound, type ErrorLogger } from './http/error-response.js';
import { IngestGate } from './http/ingest-gate.js';
import { DEFAULT_BODY_LIMITS } from './http/read-body.js';
import { IngestCounters } from './ingest-counters.js';
import { createOtlpIngest } from './ingest/otlp-ingest.js';
import { registerAskRoutes } from './routes/ask-routes.js';
import { registerExternalMetricsRoutes } from './routes/external-metrics-routes.js';
import { registerHealthRoutes } from './routes/health-routes.js';
import { registerIngestRoutes } from './routes/ingest-routes.js';
import { registerLiveRoutes } from './routes/live-routes.js';
import { registerMaskRoutes } from './routes/mask-routes.js';
import { registerMcpRoutes } from './routes/mcp-routes.js';
import { registerMetricsRoute } from './routes/metrics-route.js';
import { registerOtlpRoutes } from './routes/otlp-routes.js';
import { registerQueryRoutes } from './routes/query-routes.js';
import { registerReportRoutes } from './routes/report-routes.js';
import { registerRootPage } from './routes/root-page.js';
import { registerWebAnalysisRoutes } from './routes/web-analysis-routes.js';
import { registerWebSessionsRoutes } from './routes/web-sessions-routes.js';

export interface ApiDeps {
  /** Where ingested records go and what queries read. */
  collector: ServedCollector;
  /** Whether the collector accepts traffic; default `collector.ready` (always, when it has none). */
  isReady?: () => boolean;
  /** Body and query limits; each defaults to DEFAULT_BODY_LIMITS / DEFAULT_QUERY_LIMITS. */
  limits?: Partial<ApiLimits>;
  /** Proxies whose X-Forwarded-For is believed (access logs); none by default. */
  trustedProxies?: readonly string[];
  /** Session cookie name read from access logs and span cookie headers; default JSESSIONID. */
  sessionCookie?: string;
  /** Persistent visitor cookie name (mode `cookie`); no visitor ids unless set. */
  visitorCookie?: string;
  /** Clock for relative times and default ranges; default Date.now. */
  now?: () => number;
  /** Where unexpected (5xx) errors are reported; default stderr. */
  log?: ErrorLogger;
  /** IANA zone of the deployment for ask answers ("어제" means yesterday there); default Asia/Seoul. */
  timeZone?: string;
  /** Runbook folder for `search_runbooks` and /mcp; default `runbooks/` of the repo's demo set. */
  runbookDir?: string;
  /** The LLM configured at start-up (`llmFromEnv()`); ask answers (REST and /mcp) then use the LLM router. */
  llm?: LlmClient | null;
  /**
   * More route groups (ask, reports, mask, Kubernetes external metrics) registered after the
   * built-in ones; they share the error handling (throw PromptOpsError) and the 404.
   */
  routes?: readonly ((app: Hono) => void)[];
}

const stderrLog: ErrorLogger = (message, err) => {
  process.stderr.write(`promptops: ${message}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
};

export function createApp(deps: ApiDeps): Hono {
  const limits = { ...DEFAULT_BODY_LIMITS, ...DEFAULT_QUERY_LIMITS, ...deps.limits };
  const ctx: ApiContext = {
    collector: deps.collector,
    limits,
    ingestGate: new IngestGate(limits.maxConcurrentIngest),
    trustedProxies: deps.trustedProxies ?? [],
    counters: new IngestCounters(),
    now: deps.now ?? Date.now,
    log: deps.log ?? stderrLog,
    isReady: deps.isReady ?? (() => deps.collector.ready ?? true),
    ingestOtlp: createOtlpIngest(deps.collector, {
      trustedProxies: deps.trustedProxies ?? [],
      sessionCookie: deps.sessionCookie,
      visitorCookie: deps.visitorCookie,
    }),
    cookies: { sessionCookie: deps.sessionCookie, visitorCookie: deps.visitorCookie },
  };
  const app = new Hono();
  app.onError(handleError(ctx.log));
  app.notFound(handleNotFound);
  registerRootPage(app);
  registerHealthRoutes(app, ctx);
  registerOtlpRoutes(app, ctx);
  registerIngestRoutes(app, ctx);
  registerQueryRoutes(app, ctx);
  registerLiveRoutes(app, ctx);
  registerWebAnalysisRoutes(app, ctx, { timeZone: deps.timeZone });
  registerWebSessionsRoutes(app, ctx);
  registerMetricsRoute(app, ctx);
  registerReportRoutes(app, ctx, { timeZone: deps.timeZone });
  registerAskRoutes(app, ctx, { timeZone: deps.timeZone, runbookDir: deps.runbookDir, llm: deps.llm });
  registerMaskRoutes(app);
  registerMcpRoutes(app, ctx, { runbookDir: deps.runbookDir, timeZone: deps.timeZone, llm: deps.llm });
  registerExternalMetricsRoutes(app, ctx);
  for (const register of deps.routes ?? []) register(app);
  return app;
}
