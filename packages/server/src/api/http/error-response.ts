/**
 * How the listener turns failures into responses: every error is a PromptOpsError rendered as
 * `{error:{code, message}}` with the code's status; anything else thrown is wrapped (and logged once,
 * since a non-PromptOpsError reaching here is a bug, not a client mistake).
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { PromptOpsError } from '../../errors/promptops-error.js';

export type ErrorLogger = (message: string, err: unknown) => void;

/** The JSON error response of a PromptOpsError. */
export function errorJson(c: Context, err: PromptOpsError): Response {
  const headers: Record<string, string> = {};
  // Retryable states tell clients (OTLP exporters included) when to come back.
  if (err.code === 'unavailable' || err.code === 'rate_limited') headers['Retry-After'] = '5';
  return c.json(err.toJSON(), err.status as ContentfulStatusCode, headers);
}

/** Hono `onError` handler: maps any throw to a JSON error; never rethrows. */
export function handleError(log: ErrorLogger) {
  return (err: unknown, c: Context): Response => {
    const e = PromptOpsError.from(err);
    if (!(err instanceof PromptOpsError)) log(`unexpected error on ${c.req.method} ${c.req.path}`, err);
    return errorJson(c, e);
  };
}

/** Hono `notFound` handler: unknown routes answer 404 in the same JSON shape as every other error. */
export function handleNotFound(c: Context): Response {
  return errorJson(c, new PromptOpsError('not_found', `no route for ${c.req.method} ${c.req.path}`));
}
