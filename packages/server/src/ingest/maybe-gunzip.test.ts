/** Decompression with the gzip-bomb guard. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { maybeGunzip } from './maybe-gunzip.js';

describe('maybeGunzip', () => {
  it('passes identity bodies through and inflates gzip', async () => {
    const body = Buffer.from('{"resourceSpans":[]}');
    expect(await maybeGunzip(body, undefined, 1000)).toBe(body);
    expect(Buffer.from(await maybeGunzip(gzipSync(body), 'gzip', 1000)).toString()).toBe(body.toString());
  });

  it('stops a gzip bomb at the decompressed-size limit', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    await expect(maybeGunzip(bomb, 'gzip', 1024 * 1024)).rejects.toMatchObject({ code: 'payload_too_large' });
  });

  it('reports corrupt streams, oversize bodies and unknown encodings', async () => {
    await expect(maybeGunzip(Buffer.from('not gzip'), 'gzip', 1000)).rejects.toMatchObject({
      code: 'malformed_payload',
    });
    await expect(maybeGunzip(Buffer.alloc(2000), undefined, 1000)).rejects.toMatchObject({ code: 'payload_too_large' });
    await expect(maybeGunzip(Buffer.from('x'), 'br', 1000)).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });
});
