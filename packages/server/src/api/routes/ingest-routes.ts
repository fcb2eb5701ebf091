/**
 * Non-OTLP ingest: access-log lines (`POST /api/v1/ingest/access-log?format=…&instance=…`, text
 * body) and session events (`POST /api/v1/ingest/session-events`, JSON). Both answer
 * `{accepted, rejected, rejections:[{at, reason}]}`: a bad line or event is reported with its
 * position, never fails the batch; only an unreadable body fails the request.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { IngestReport } from '../../model/telemetry.js';
import type { ApiContext } from '../api-context.js';
import { guardMethods } from '../http/method-guard.js';
import { parseQuery } from '../http/parse-query.js';
import { parseJsonBytes, readBody, readTextBody } from '../http/read-body.js';
import { ACCESS_LOG_FORMATS, DURATION_UNITS } from '../../ingest/access-log/access-log-options.js';
import { parseAccessLogText } from '../../ingest/index.js';
import type { IngestSignal } from '../ingest-counters.js';
import { parseSessionEvents } from './session-events-schema.js';

const instanceName = z.string().min(1).max(200);

/** `format` and `instance` are the contract; the rest are the parser's options, all optional. */
const accessLogQuery = z.object({
  format: z.enum(ACCESS_LOG_FORMATS).default('combined'),
  instance: instanceName.default('access-log'),
  service: instanceName.optional(),
  pattern: z.string().min(1).max(2000).optional(),
  sessionCookie: z.string().min(1).max(200).optional(),
  visitorCookie: z.string().min(1).max(200).optional(),
  durationUnit: z.enum(DURATION_UNITS).optional(),
});

const sessionEventsQuery = z.object({ instance: instanceName.optional() });

function publicReport(r: IngestReport): IngestReport {
  return {
    accepted: r.accepted,
    rejected: r.rejected,
    rejections: r.rejections,
    ...(r.ignored ? { ignored: r.ignored } : {}),
  };
}

function requireReady(ctx: ApiContext, signal: IngestSignal): void {
  if (!ctx.isReady()) {
    ctx.counters.failed(signal);
    throw new PromptOpsError('unavailable', 'the collector is not ready (starting or stopping); retry shortly');
  }
}

/**
 * Runs an ingest step inside the concurrency gate, counting a failed request against the signal
 * before the error propagates.
 */
async function counted<T>(ctx: ApiContext, signal: IngestSignal, step: () => Promise<T>): Promise<T> {
  try {
    return await ctx.ingestGate.run(step);
  } catch (err) {
    ctx.counters.failed(signal);
    throw err;
  }
}

export function registerIngestRoutes(app: Hono, ctx: ApiContext): void {
  app.post('/api/v1/ingest/access-log', async (c) => {
    const query = parseQuery(new URL(c.req.url), accessLogQuery);
    requireReady(ctx, 'access_log');
    const report = await counted(ctx, 'access_log', async () => {
      const text = await readTextBody(c.req.raw, ctx.limits);
      const { transactions, report } = parseAccessLogText(text, {
        ...query,
        sessionCookie: query.sessionCookie ?? ctx.cookies.sessionCookie,
        visitorCookie: query.visitorCookie ?? ctx.cookies.visitorCookie,
        trustedProxies: [...ctx.trustedProxies],
      });
      if (transactions.length > 0) ctx.collector.transactions(transactions);
      return report;
    });
    ctx.counters.add('access_log', report);
    return c.json(publicReport(report));
  });
  guardMethods(app, '/api/v1/ingest/access-log', ['POST']);

  app.post('/api/v1/ingest/session-events', async (c) => {
    const query = parseQuery(new URL(c.req.url), sessionEventsQuery);
    requireReady(ctx, 'session_events');
    const report = await counted(ctx, 'session_events', async () => {
      const mime = (c.req.header('content-type') ?? 'application/json').split(';')[0].trim().toLowerCase();
      if (mime !== 'application/json' && mime !== 'text/plain') {
        throw new PromptOpsError(
          'unsupported_media_type',
          `Content-Type '${mime}' is not supported; send application/json`,
        );
      }
      const bytes = await readBody(c.req.raw, ctx.limits);
      const body = parseJsonBytes(bytes);
      const parsed = parseSessionEvents(body, query.instance);
      if ('error' in parsed) throw new PromptOpsError('malformed_payload', parsed.error);
      if (parsed.events.length > 0) ctx.collector.sessionEvents(parsed.events);
      if (parsed.gauges.length > 0) ctx.collector.metrics(parsed.gauges);
      return parsed.report;
    });
    ctx.counters.add('session_events', report);
    return c.json(publicReport(report));
  });
  guardMethods(app, '/api/v1/ingest/session-events', ['POST']);
}
