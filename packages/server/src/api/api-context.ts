/**
 * What the routes share, resolved once by `createApp`: the collector, the limits, the ingest
 * counters and the clock. Routes receive this instead of reaching for globals, which is what lets
 * `app.request()` tests run with no socket.
 */
import type { ErrorLogger } from './http/error-response.js';
import type { BodyLimits } from './http/read-body.js';
import type { IngestCounters } from './ingest-counters.js';
import type { OtlpIngest } from './routes/otlp-routes.js';

/** Query limits: bounded work per request, whatever a client asks for. */
export interface QueryLimits {
  /** Most points one series request may return (`(to − from) / step`); more answers 422. */
  maxSeriesPoints: number;
  /** Most rows a list endpoint (transactions, sessions, user requests) returns; `limit` above answers 400. */
  maxListRows: number;
  /** Rows a list endpoint returns when the client gives no `limit`. */
  defaultListRows: number;
}

export const DEFAULT_QUERY_LIMITS = {
  maxSeriesPoints: 10_000,
  maxListRows: 10_000,
  defaultListRows: 100,
} satisfies QueryLimits;

export interface ApiContext {
  limits: BodyLimits & QueryLimits;
  counters: IngestCounters;
  now: () => number;
  log: ErrorLogger;
  isReady: () => boolean;
  ingestOtlp: OtlpIngest;
}
