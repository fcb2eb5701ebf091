/**
 * Reads a request body under two limits: the bytes on the wire and, for gzip, the bytes after
 * decompression (so a small gzip bomb cannot expand into gigabytes). Either limit answers 413; a
 * truncated or corrupt gzip stream answers 400; an encoding other than gzip/identity answers 415.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { PromptOpsError } from '../../errors/promptops-error.js';

const gunzip = promisify(zlib.gunzip);

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

function tooLarge(what: string, limit: number): PromptOpsError {
  return new PromptOpsError('payload_too_large', `${what} exceeds the limit of ${limit} bytes`, {
    details: { limitBytes: limit },
  });
}

/** Collects the raw body, aborting as soon as it passes `max` bytes (never buffers more than that). */
async function collect(req: Request, max: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw tooLarge('request body', max);
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
        throw tooLarge('request body', max);
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

/** The request body, decompressed when `Content-Encoding: gzip`, within the limits. */
export async function readBody(req: Request, limits: BodyLimits): Promise<Uint8Array> {
  const encoding = (req.headers.get('content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'gzip' && encoding !== 'x-gzip' && encoding !== 'identity' && encoding !== '') {
    throw new PromptOpsError(
      'unsupported_media_type',
      `Content-Encoding '${encoding}' is not supported; use gzip or none`,
    );
  }
  const raw = await collect(req, limits.maxBodyBytes);
  if (encoding !== 'gzip' && encoding !== 'x-gzip') {
    if (raw.byteLength > limits.maxDecompressedBytes) throw tooLarge('request body', limits.maxDecompressedBytes);
    return raw;
  }
  try {
    return await gunzip(raw, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge('decompressed request body', limits.maxDecompressedBytes);
    }
    throw new PromptOpsError(
      'malformed_payload',
      `the gzip body could not be decompressed: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

/** The body as UTF-8 text (invalid sequences become U+FFFD rather than failing the whole batch). */
export async function readTextBody(req: Request, limits: BodyLimits): Promise<string> {
  return new TextDecoder('utf-8').decode(await readBody(req, limits));
}
