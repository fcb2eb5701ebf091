import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { readBody } from './read-body.js';

const limits = { maxBodyBytes: 1024, maxDecompressedBytes: 4096 };

function post(body: Uint8Array<ArrayBuffer> | string, headers: Record<string, string> = {}): Request {
  return new Request('http://x/', { method: 'POST', body, headers });
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return err instanceof PromptOpsError ? err.code : `non-PromptOpsError: ${String(err)}`;
  }
}

describe('readBody', () => {
  it('returns a plain body unchanged', async () => {
    const body = await readBody(post('hello'), limits);
    expect(new TextDecoder().decode(body)).toBe('hello');
  });

  it('decompresses gzip', async () => {
    const body = await readBody(
      post(new Uint8Array(gzipSync('x'.repeat(3000))), { 'content-encoding': 'gzip' }),
      limits,
    );
    expect(body.byteLength).toBe(3000);
  });

  it('refuses a body larger than the wire limit with 413', async () => {
    expect(await codeOf(readBody(post('x'.repeat(2000)), limits))).toBe('payload_too_large');
  });

  it('refuses a gzip bomb by its decompressed size, not its wire size', async () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));
    expect(bomb.byteLength).toBeLessThan(limits.maxBodyBytes * 20);
    const small = { maxBodyBytes: 1024 * 1024, maxDecompressedBytes: 4096 };
    expect(await codeOf(readBody(post(bomb, { 'content-encoding': 'gzip' }), small))).toBe('payload_too_large');
  });

  it('answers malformed_payload for truncated or non-gzip data labelled gzip', async () => {
    const truncated = gzipSync('y'.repeat(500)).subarray(0, 20);
    expect(await codeOf(readBody(post(truncated, { 'content-encoding': 'gzip' }), limits))).toBe('malformed_payload');
    expect(await codeOf(readBody(post('not gzip', { 'content-encoding': 'gzip' }), limits))).toBe('malformed_payload');
  });

  it('refuses encodings other than gzip and identity with 415', async () => {
    expect(await codeOf(readBody(post('x', { 'content-encoding': 'br' }), limits))).toBe('unsupported_media_type');
  });
});
