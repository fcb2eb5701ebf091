/**
 * `POST /api/v1/mask` `{text, level?, ip?, placeholders?}` → `{text, findings}`: the masker as a
 * service, for scripts that must scrub a log excerpt before pasting it into a ticket or a chat. The
 * body is bounded (1 MiB by default) and validated with zod; every failure is the usual JSON error.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { maskText, maskOptionsSchema } from '../../ask/mask/index.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { guardMethods } from '../http/method-guard.js';
import { parseJsonBytes, readBody } from '../http/read-body.js';

/** Largest text accepted, bytes: masking is linear, but an answer echoes the whole text back. */
export const MAX_MASK_BODY_BYTES = 1024 * 1024;

export const maskRequestSchema = maskOptionsSchema
  .partial()
  .extend({ text: z.string().describe('the text to mask') })
  .strict();

/** Parses a JSON body under `maxBytes` with `schema`, every problem listed in one 400. */
export async function readJsonBody<S extends z.ZodTypeAny>(
  req: Request,
  schema: S,
  maxBytes: number,
): Promise<z.infer<S>> {
  const mime = (req.headers.get('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
  if (mime !== 'application/json')
    throw new PromptOpsError(
      'unsupported_media_type',
      `Content-Type '${mime}' is not supported; send application/json`,
    );
  const bytes = await readBody(req, { maxBodyBytes: maxBytes, maxDecompressedBytes: maxBytes });
  const body = parseJsonBytes(bytes);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
    throw new PromptOpsError('invalid_parameter', `invalid request: ${problems.join('; ')}`, {
      details: { problems },
    });
  }
  return parsed.data as z.infer<S>;
}

export function registerMaskRoutes(app: Hono, options: { maxBytes?: number } = {}): void {
  const maxBytes = options.maxBytes ?? MAX_MASK_BODY_BYTES;
  app.post('/api/v1/mask', async (c) => {
    const { text, ...opts } = await readJsonBody(c.req.raw, maskRequestSchema, maxBytes);
    return c.json(maskText(text, opts));
  });
  guardMethods(app, '/api/v1/mask', ['POST']);
}
