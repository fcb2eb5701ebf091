/**
 * Validates a request's query string against a zod object schema at the edge: a parameter the
 * endpoint does not know answers 400 `unknown_parameter` (a typo like `?instnace=` must not silently
 * return the total), a bad value answers 400 `invalid_parameter` listing every problem.
 */
import type { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';

/** Query parameters as sent; a repeated parameter is rejected rather than guessed. */
function singleValues(url: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    if (values.length > 1) throw new PromptOpsError('invalid_parameter', `parameter '${key}' is given more than once`);
    out[key] = values[0];
  }
  return out;
}

/** Parses `url`'s query with `schema`; the schema's keys are the allowed parameters. */
export function parseQuery<S extends z.ZodObject<z.ZodRawShape>>(url: URL, schema: S): z.infer<S> {
  const raw = singleValues(url);
  const allowed = new Set(Object.keys(schema.shape));
  const unknown = Object.keys(raw).filter((k) => !allowed.has(k));
  if (unknown.length > 0) {
    throw new PromptOpsError(
      'unknown_parameter',
      `unknown query parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}; allowed: ${[...allowed].join(', ') || 'none'}`,
      { details: { unknown, allowed: [...allowed] } },
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidFromZod(parsed.error);
  return parsed.data;
}

/** One 400 listing every problem zod found, each as `path: message`. */
export function invalidFromZod(
  error: z.ZodError,
  code: 'invalid_parameter' | 'malformed_payload' = 'invalid_parameter',
) {
  const problems = error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(root)'}: ${i.message}`);
  return new PromptOpsError(code, problems.slice(0, 10).join('; '), { details: { problems } });
}
