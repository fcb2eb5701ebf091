/**
 * Reads a request body under two limits: the bytes on the wire and, for gzip/deflate, the bytes
 * after decompression (so a small gzip bomb cannot expand into gigabytes). Either limit answers 413;
 * a truncated or corrupt stream answers 400; an encoding other than gzip/deflate/identity answers 415.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import { maybeGunzip } from '../../ingest/index.js';

export interface BodyLimits {
  /** Maximum body size as received (compressed when gzip), bytes. */
  maxBodyBytes: number;
  /** Maximum size after decompression, bytes. */
  maxDecompressedBytes: number;
}

/** 16 MiB decompressed, the same on the wire: generous for OTLP batches, bounded for memory. */
export const DEFAULT_BODY_LIMITS = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxDecompressedBytes: 16 * 1024 * 1024,
} satisfies BodyLimits;

function tooLarge(limit: number): PromptOpsError {
  return new PromptOpsError('payload_too_large', `the request body exceeds the limit of ${limit} bytes`, {
    details: { limitBytes: limit },
  });
}

/** Collects the raw body, aborting as soon as it passes `max` bytes (never buffers more than that). */
async function collect(req: Request, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  if (req.body === null) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel().catch(() => undefined);
        throw tooLarge(max);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof PromptOpsError) throw err;
    // A client that disconnects mid-body is its own problem; report it as a bad request.
    throw new PromptOpsError('bad_request', 'the request body could not be read', { cause: err });
  }
  return Buffer.concat(chunks, size);
}

/** The request body, decoded per its `Content-Encoding`, within the limits. */
export async function readBody(req: Request, limits: BodyLimits): Promise<Uint8Array> {
  const encoding = req.headers.get('content-encoding');
  const enc = (encoding ?? '').trim().toLowerCase();
  // Refuse an unreadable encoding before reading a byte of the body.
  if (!['', 'identity', 'gzip', 'x-gzip', 'deflate'].includes(enc)) {
    throw new PromptOpsError(
      'unsupported_media_type',
      `Content-Encoding '${encoding}' is not supported; use gzip, deflate or none`,
    );
  }
  const raw = await collect(req, limits.maxBodyBytes);
  return maybeGunzip(raw, encoding, limits.maxDecompressedBytes);
}

/** The body as UTF-8 text (invalid sequences become U+FFFD rather than failing the whole batch). */
export async function readTextBody(req: Request, limits: BodyLimits): Promise<string> {
  return new TextDecoder('utf-8').decode(await readBody(req, limits));
}

/** Decodes a JSON body already read with `readBody`; a syntax error is the client's: 400 `malformed_payload`. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new PromptOpsError('malformed_payload', `the body is not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
