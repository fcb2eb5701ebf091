/**
 * OTLP/HTTP receivers: `POST /v1/traces`, `/v1/metrics`, `/v1/logs`, protobuf or JSON, optionally
 * gzip. Answers as the OTLP/HTTP specification says: 200 with an Export*ServiceResponse (with
 * `partial_success` when records were dropped), 400 undecodable, 413 too large, 415 wrong content
 * type, 503 while the collector is not ready — each encoded in the request's content type.
 */
import type { Context, Hono } from 'hono';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { otlpEncodingOf, type OtlpEncoding, type OtlpSignal } from '../../ingest/otlp/otlp-payload.js';
import type { IngestReport } from '../../model/telemetry.js';
import type { ApiContext } from '../api-context.js';
import { errorJson } from '../http/error-response.js';
import { guardMethods } from '../http/method-guard.js';
import { nodeRequestOf, readBody } from '../http/read-body.js';
import { encodeExportResponse, encodeStatus, OTLP_CONTENT_TYPE, OTLP_SIGNALS } from '../otlp/otlp-response.js';

function rejectionSummary(report: IngestReport): string {
  if (report.rejected === 0) return '';
  const first = report.rejections.slice(0, 3).map((r) => `#${r.at}: ${r.reason}`);
  return `${report.rejected} record(s) rejected: ${first.join('; ')}${report.rejected > first.length ? '; …' : ''}`;
}

function failure(c: Context, encoding: OtlpEncoding, err: PromptOpsError): Response {
  if (encoding === 'json') return errorJson(c, err);
  // Retryable states tell exporters when to come back, as for JSON errors.
  if (err.code === 'unavailable' || err.code === 'rate_limited') c.header('Retry-After', '5');
  return c.body(encodeStatus(err.status, err.message), err.status as 400, {
    'Content-Type': OTLP_CONTENT_TYPE.protobuf,
  });
}

async function receive(ctx: ApiContext, signal: OtlpSignal, c: Context): Promise<Response> {
  const encoding = otlpEncodingOf(c.req.header('content-type'));
  if (encoding === undefined) {
    ctx.counters.failed(signal);
    return errorJson(
      c,
      new PromptOpsError(
        'unsupported_media_type',
        `Content-Type '${c.req.header('content-type') ?? ''}' is not OTLP/HTTP: use application/x-protobuf or application/json`,
      ),
    );
  }
  try {
    if (!ctx.isReady())
      throw new PromptOpsError('unavailable', 'the collector is not ready (starting or stopping); retry shortly');
    const report = await ctx.ingestGate.run(async () => {
      const body = await readBody(c.req.raw, ctx.limits, nodeRequestOf(c.env));
      try {
        return ctx.ingestOtlp(signal, encoding, body);
      } catch (err) {
        // A decoder failure is the payload's fault unless the decoder says otherwise.
        if (err instanceof PromptOpsError) throw err;
        const message = `the ${signal} payload could not be decoded: ${(err as Error).message}`;
        throw new PromptOpsError('malformed_payload', message, { cause: err });
      }
    });
    ctx.counters.add(signal, report);
    return c.body(encodeExportResponse(signal, encoding, report.rejected, rejectionSummary(report)), 200, {
      'Content-Type': OTLP_CONTENT_TYPE[encoding],
    });
  } catch (err) {
    const e = PromptOpsError.from(err);
    if (e.status >= 500 && !(err instanceof PromptOpsError)) ctx.log(`OTLP ${signal} ingest failed`, err);
    ctx.counters.failed(signal);
    return failure(c, encoding, e);
  }
}

export function registerOtlpRoutes(app: Hono, ctx: ApiContext): void {
  for (const signal of OTLP_SIGNALS) {
    const path = `/v1/${signal}`;
    app.post(path, (c) => receive(ctx, signal, c));
    guardMethods(app, path, ['POST']);
  }
}
