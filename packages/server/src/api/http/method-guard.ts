/**
 * Answers 405 (with `Allow`) for a known path requested with a method it does not serve, instead of
 * the 404 a router gives by default: a client that POSTs to a GET endpoint learns what it did wrong.
 * Register it after the path's real handlers.
 */
import type { Env, Hono } from 'hono';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { errorJson } from './error-response.js';

export function guardMethods<E extends Env>(app: Hono<E>, path: string, allowed: readonly string[]): void {
  app.all(path, (c) => {
    c.header('Allow', allowed.join(', '));
    return errorJson(
      c,
      new PromptOpsError(
        'method_not_allowed',
        `${c.req.method} is not allowed on ${path}; use ${allowed.join(' or ')}`,
      ),
    );
  });
}
