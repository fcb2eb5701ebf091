/**
 * The key table matches a key's raw bytes in a body exactly: every length (whole 32-bit words and
 * the bytes after them), a one-byte difference anywhere, keys at the very end of the body and keys
 * whose length runs past it.
 */
import { describe, expect, it } from 'vitest';
import { AttributeKeyTable } from './attribute-key-table.js';
import { SPAN_ATTRIBUTE_KEYS } from './span-to-transaction.js';

const KEYS = [...SPAN_ATTRIBUTE_KEYS, 'a', 'ab', 'abc', 'abcd', 'abcde', 'é.ü', 'x'.repeat(64)];

function at(key: string, offset: number, after = 0): { buf: Buffer; view: DataView; start: number; len: number } {
  const bytes = Buffer.from(key, 'utf8');
  const buf = Buffer.concat([Buffer.alloc(offset, 0x2e), bytes, Buffer.alloc(after, 0x2e)]);
  return { buf, view: new DataView(buf.buffer, buf.byteOffset, buf.byteLength), start: offset, len: bytes.length };
}

describe('AttributeKeyTable.match', () => {
  const table = new AttributeKeyTable(KEYS);

  it('finds every key at any alignment, at the end of the body or before more bytes', () => {
    for (const key of KEYS)
      for (let offset = 0; offset < 5; offset++)
        for (const after of [0, 3]) {
          const { buf, view, start, len } = at(key, offset, after);
          expect(table.match(buf, view, start, len)).toBe(table.indexOf(key));
        }
  });

  it('misses a key that differs in any one byte, and lengths no key has', () => {
    for (const key of KEYS) {
      const { buf, view, start, len } = at(key, 1, 2);
      for (let i = 0; i < len; i++) {
        const copy = Buffer.from(buf);
        copy[start + i] ^= 0x01;
        const hit = table.match(copy, new DataView(copy.buffer, copy.byteOffset, copy.byteLength), start, len);
        const text = copy.toString('utf8', start, start + len);
        expect(hit).toBe(table.indexOf(text));
      }
      expect(table.match(buf, view, start, len + 1)).toBe(table.indexOf(buf.toString('utf8', start, start + len + 1)));
    }
    const { buf, view } = at('http.route', 0);
    expect(table.match(buf, view, 0, 0)).toBe(-1);
  });

  it('is -1 for a key whose length runs past the body', () => {
    for (const key of ['abcd', 'http.route', 'x'.repeat(64)]) {
      const { buf, start, len } = at(key, 2);
      const cut = buf.subarray(0, buf.length - 1);
      expect(table.match(cut, new DataView(cut.buffer, cut.byteOffset, cut.byteLength), start, len)).toBe(-1);
    }
  });
});
