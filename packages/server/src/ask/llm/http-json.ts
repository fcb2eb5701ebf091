/**
 * One POST of JSON to a provider, with the failure modes the router falls back on made explicit:
 * an HTTP error status (`unavailable`, with the status), a body that is not JSON or not the documented
 * shape (`malformed_payload`), an aborted call (`timeout`), a refused connection (`unavailable`).
 */
import type { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';

export async function postJson<S extends z.ZodTypeAny>(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  schema: S,
  signal: AbortSignal,
): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (signal.aborted) throw new PromptOpsError('timeout', `LLM call to ${url} timed out`, { cause: err });
    throw new PromptOpsError('unavailable', `LLM endpoint ${url} unreachable: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    if (signal.aborted) throw new PromptOpsError('timeout', `LLM call to ${url} timed out`, { cause: err });
    throw new PromptOpsError('unavailable', `LLM response from ${url} could not be read`, { cause: err });
  }
  if (!res.ok)
    throw new PromptOpsError('unavailable', `LLM endpoint answered ${res.status}: ${text.slice(0, 200)}`, {
      details: { status: res.status },
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PromptOpsError('malformed_payload', 'LLM response is not JSON', { cause: err });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    throw new PromptOpsError('malformed_payload', `LLM response has an unexpected shape: ${parsed.error.message}`);
  return parsed.data as z.infer<S>;
}

/** Parses a function call's arguments (JSON text from OpenAI-style endpoints). */
export function parseArguments(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new PromptOpsError('malformed_payload', 'the model returned function arguments that are not JSON', {
      cause: err,
    });
  }
}
