/** Sessions of the previous layout (a hash per session) read as documents of the current one. */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../core/session-record.js';
import { readLegacyHash } from './legacy-layout.js';

describe('previous layout', () => {
  it('reads per-field JSON and the per-property cookie, which wins over an older `f:cookie`', () => {
    const r = readLegacyHash({
      'f:cookie': '{"path":"/old","httpOnly":true}',
      'c:path': '"/new"',
      'f:userId': '"bob"',
      'f:cart': '[{"sku":"A","qty":2}]',
      _v: '7',
      _c: '100',
      _e: '200',
      _uid: 'bob',
    });
    expect(r.kind).toBe('found');
    const d = parseDocument((r as { doc: string }).doc);
    expect(d).toEqual({
      v: 7,
      s: { cookie: { path: '/new' }, userId: 'bob', cart: [{ sku: 'A', qty: 2 }] },
    });
  });

  it('reads the in-hash tombstone, and no hash as missing', () => {
    expect(readLegacyHash({ _v: '-1000000000000000', _x: '{"reason":"admin","at":5}' })).toEqual({
      kind: 'ended',
      reason: 'admin',
      at: 5,
      told: false,
    });
    expect(readLegacyHash({})).toEqual({ kind: 'missing' });
  });

  it('a stored value that is not JSON fails the read', () => {
    expect(() => readLegacyHash({ 'f:cart': '[not json', _v: '1' })).toThrow(SyntaxError);
  });
});
