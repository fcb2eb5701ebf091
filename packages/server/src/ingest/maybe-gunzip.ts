/**
 * Request-body decompression for ingest with a bound on the decompressed size: a few kilobytes of
 * gzip can expand to gigabytes (a "gzip bomb"), so zlib is told to stop at `maxBytes` instead of the
 * server finding out after allocating it.
 */
import { promisify } from 'node:util';
import { gunzip, inflate } from 'node:zlib';
import { PromptOpsError } from '../errors/promptops-error.js';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);

/**
 * The body decoded per its `Content-Encoding` (`gzip`, `x-gzip`, `deflate`, `identity` or none).
 * Throws `payload_too_large` past `maxBytes` (compressed or not), `malformed_payload` for a corrupt
 * stream, `unsupported_media_type` for other encodings.
 */
export async function maybeGunzip(
  body: Uint8Array,
  encoding: string | undefined | null,
  maxBytes: number,
): Promise<Uint8Array> {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (body.byteLength > maxBytes) {
    throw new PromptOpsError('payload_too_large', `request body of ${body.byteLength} bytes exceeds ${maxBytes}`);
  }
  if (enc === '' || enc === 'identity') return body;
  if (enc !== 'gzip' && enc !== 'x-gzip' && enc !== 'deflate') {
    throw new PromptOpsError('unsupported_media_type', `unsupported Content-Encoding '${encoding}'`);
  }
  try {
    const run = enc === 'deflate' ? inflateAsync : gunzipAsync;
    return await run(body, { maxOutputLength: maxBytes });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      throw new PromptOpsError('payload_too_large', `decompressed body exceeds ${maxBytes} bytes`, { cause: err });
    }
    throw new PromptOpsError('malformed_payload', `corrupt ${enc} body: ${(err as Error).message}`, { cause: err });
  }
}
