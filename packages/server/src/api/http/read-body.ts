/**
 * Reads a request body under two limits: the bytes on the wire and, for gzip/deflate, the bytes
 * after decompression (so a small gzip bomb cannot expand into gigabytes). Either limit answers 413;
 * a truncated or corrupt stream answers 400; an encoding other than gzip/deflate/identity answers 415.
 */
import { IncomingMessage } from 'node:http';
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

function unreadable(cause: unknown): PromptOpsError {
  // A client that disconnects mid-body is its own problem; report it as a bad request.
  return new PromptOpsError('bad_request', 'the request body could not be read', { cause });
}

/** Collects the raw body, aborting as soon as it passes `max` bytes (never buffers more than that). */
async function collect(req: Request, max: number): Promise<Uint8Array> {
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
    throw unreadable(err);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Node's request stream behind `req`, as `@hono/node-server` passes it (`c.env.incoming`); undefined
 * under `app.request()` or once something else has started reading it.
 */
export function nodeRequestOf(env: unknown): IncomingMessage | undefined {
  const incoming = (env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage && !incoming.readableDidRead ? incoming : undefined;
}

/**
 * `collect` straight from Node's request stream: the same bytes and limits without the fetch
 * `Request` and the web stream over the socket that reading `req.body` builds (about a tenth of the
 * CPU of a protobuf trace export of 500 spans in a profile of `bench otlp`). Past `max` it stops
 * reading; the Node adapter drains or drops what the client still sends after the answer.
 */
function collectIncoming(incoming: IncomingMessage, max: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (err: PromptOpsError | undefined): void => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
      if (err !== undefined) reject(err);
      else resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > max) {
        incoming.pause();
        settle(tooLarge(max));
      } else chunks.push(chunk);
    };
    const onEnd = (): void => settle(undefined);
    const onError = (err: Error): void => settle(unreadable(err));
    const onClose = (): void => {
      if (!incoming.readableEnded) settle(unreadable(new Error('the connection closed before the body ended')));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/**
 * The request body, decoded per its `Content-Encoding`, within the limits. With `incoming` (see
 * `nodeRequestOf`) the bytes are read from Node's stream instead of `req.body`.
 */
export async function readBody(req: Request, limits: BodyLimits, incoming?: IncomingMessage): Promise<Uint8Array> {
  const encoding = req.headers.get('content-encoding');
  const enc = (encoding ?? '').trim().toLowerCase();
  // Refuse an unreadable encoding before reading a byte of the body.
  if (!['', 'identity', 'gzip', 'x-gzip', 'deflate'].includes(enc)) {
    throw new PromptOpsError(
      'unsupported_media_type',
      `Content-Encoding '${encoding}' is not supported; use gzip, deflate or none`,
    );
  }
  const max = limits.maxBodyBytes;
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  const raw = incoming !== undefined ? await collectIncoming(incoming, max) : await collect(req, max);
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
