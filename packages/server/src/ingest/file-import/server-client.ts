/**
 * POSTs ingest bodies to a running PromptOps server (`import --server URL`), so the import never
 * opens the embedded database the server owns. Retries briefly while the server is starting (503) or
 * shedding load (429); any other failure becomes a PromptOpsError with the server's code and message.
 */
import { z } from 'zod';
import { ERROR_STATUS, PromptOpsError } from '../../errors/promptops-error.js';
import type { ErrorCode } from '../../errors/promptops-error.js';
import type { IngestReport } from '../../model/telemetry.js';

const reportSchema = z.object({
  accepted: z.number().int().nonnegative().default(0),
  rejected: z.number().int().nonnegative().default(0),
  rejections: z.array(z.object({ at: z.number(), reason: z.string() })).default([]),
  ignored: z.record(z.number()).optional(),
});

const errorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const RETRIES = 5;

export async function postToServer(
  server: string,
  pathAndQuery: string,
  body: string | Uint8Array,
  contentType: string,
): Promise<unknown> {
  const url = new URL(pathAndQuery, server.endsWith('/') ? server : `${server}/`);
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      // A fresh Uint8Array is backed by a plain ArrayBuffer, which is what fetch's BodyInit accepts.
      const payload = typeof body === 'string' ? body : new Uint8Array(body);
      res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: payload });
    } catch (err) {
      throw new PromptOpsError('unavailable', `cannot reach ${url.origin}: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    if (res.ok) {
      try {
        return text === '' ? {} : JSON.parse(text);
      } catch {
        return {};
      }
    }
    if ((res.status === 503 || res.status === 429) && attempt < RETRIES) {
      await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      continue;
    }
    let code: ErrorCode = res.status >= 500 ? 'unavailable' : 'bad_request';
    let message = `${url.pathname} answered HTTP ${res.status}`;
    try {
      const e = errorSchema.parse(JSON.parse(text));
      if (e.error.code in ERROR_STATUS) code = e.error.code as ErrorCode;
      message = `server: ${e.error.message}`;
    } catch {
      // Not a PromptOps error body (a proxy's page, say): keep the status line.
    }
    throw new PromptOpsError(code, message);
  }
}

/** The server's ingest report, validated. */
export function asIngestReport(value: unknown): IngestReport {
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success)
    throw new PromptOpsError('internal', 'the server answered with something that is not an ingest report');
  return parsed.data;
}
