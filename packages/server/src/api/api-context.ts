/**
 * What the routes share, resolved once by `createApp`: the collector, the limits, the ingest
 * counters and the clock. Routes receive this instead of reaching for globals, which is what lets
 * `app.request()` tests run with no socket.
 */
import type { CollectorReadApi } from '../collector/collector-types.js';
import type { TelemetrySink } from '../ingest/telemetry-sink.js';
import type { ErrorLogger } from './http/error-response.js';
import type { BodyLimits } from './http/read-body.js';
import type { IngestGate } from './http/ingest-gate.js';
import type { IngestCounters } from './ingest-counters.js';
import type { OtlpIngest } from './ingest/otlp-ingest.js';

/** The part of the collector the API uses: where records go, the read side, and its health. */
export type ServedCollector = TelemetrySink &
  CollectorReadApi & {
    /** True once the store is open and state restored (absent: always ready). */
    readonly ready?: boolean;
    /** The last failed flush to the store, cleared by the next good one. */
    readonly lastFlushError?: Error | null;
  };

/** Query and concurrency limits: bounded work per request, whatever a client asks for. */
export interface QueryLimits {
  /** Ingest requests (OTLP, access logs, session events) in flight at once; more answer 429. */
  maxConcurrentIngest: number;
  /** Most points one series request may return (`(to − from) / step`); more answers 422. */
  maxSeriesPoints: number;
  /** Most rows a list endpoint (transactions, sessions, user requests) returns; `limit` above answers 400. */
  maxListRows: number;
  /** Rows a list endpoint returns when the client gives no `limit`. */
  defaultListRows: number;
}

export const DEFAULT_QUERY_LIMITS = {
  // 16 × (16 MiB body + 16 MiB decompressed) bounds buffered ingest at about 512 MiB.
  maxConcurrentIngest: 16,
  maxSeriesPoints: 10_000,
  maxListRows: 10_000,
  defaultListRows: 100,
} satisfies QueryLimits;

export type ApiLimits = BodyLimits & QueryLimits;

export interface ApiContext {
  collector: ServedCollector;
  limits: ApiLimits;
  /** Proxies whose X-Forwarded-For is believed by the access-log parser. */
  trustedProxies: readonly string[];
  /** Cookie names the access-log parser reads user keys from (its defaults when unset). */
  cookies: { sessionCookie?: string; visitorCookie?: string };
  counters: IngestCounters;
  ingestGate: IngestGate;
  now: () => number;
  log: ErrorLogger;
  isReady: () => boolean;
  ingestOtlp: OtlpIngest;
}
