/** Envelope validation shared by the three OTLP decoders, and zod issues as one short reason line. */
import type { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';

export function issueText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}

/** The payload's envelope, or `malformed_payload` when not even the envelope has the OTLP shape. */
export function envelopeOrThrow<T extends z.ZodTypeAny>(schema: T, payload: unknown, signal: string): z.output<T> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new PromptOpsError('malformed_payload', `not an OTLP ${signal} export request: ${issueText(parsed.error)}`);
  }
  return parsed.data as z.output<T>;
}
