/**
 * Session ↔ stored fields: a session read from Redis' flat HGETALL reply (parsed as one JSON document)
 * is the same object the per-field path gives, previous layouts included, and its hidden base still
 * drives field-level writes.
 */
import { describe, expect, it } from 'vitest';
import { BASE_FIELD, NO_FIELDS, diffFields, fromStored, readBase, toFields } from './session-record.js';

const session = {
  cookie: { originalMaxAge: 600_000, expires: '2026-11-25T23:13:09.708Z', httpOnly: true, path: '/' },
  userId: 'alice',
  cart: [{ sku: 'A-1', qty: 2 }],
  'odd "name"\\': { nested: ['x', null, 1.5] },
};

function flatOf(fields: Record<string, string>, meta: Record<string, string> = { _v: '3', _e: '1800000000000' }) {
  const flat: string[] = [];
  for (const [k, v] of Object.entries({ ...meta, ...fields })) flat.push(k, v);
  return flat;
}

const plain = (s: object) => JSON.parse(JSON.stringify(s)) as unknown;

describe('session record', () => {
  it('reads the flat reply as the per-field path does, metadata skipped', () => {
    const fields = toFields(session);
    const fromFlat = fromStored({ fields: NO_FIELDS, flat: flatOf(fields), version: 3, createdAt: 0, expiresAt: 1 });
    const fromFields = fromStored({ fields, version: 3, createdAt: 0, expiresAt: 1 });
    expect(plain(fromFlat)).toEqual(session);
    expect(plain(fromFlat)).toEqual(plain(fromFields));
    expect(readBase(fromFlat)?.raw).toEqual(fields);
    expect(readBase(fromFlat)?.v).toBe(3);
  });

  it('reads a previous layout (the cookie as one `f:cookie` value); per-property cookie fields win', () => {
    const flat = flatOf({ 'f:cookie': JSON.stringify({ path: '/old', httpOnly: true }), 'f:userId': '"bob"' });
    expect(plain(fromStored({ fields: NO_FIELDS, flat, version: 1, createdAt: 0, expiresAt: 0 }))).toEqual({
      cookie: { path: '/old', httpOnly: true },
      userId: 'bob',
    });
    const both = flatOf({ 'f:cookie': '{"path":"/old"}', 'c:path': '"/new"' });
    expect(fromStored({ fields: NO_FIELDS, flat: both, version: 1, createdAt: 0, expiresAt: 0 }).cookie).toEqual({
      path: '/new',
    });
  });

  it('a stored value that is not JSON fails the read as before', () => {
    const flat = flatOf({ 'f:userId': '"carol"', 'f:cart': '[not json' });
    expect(() => fromStored({ fields: NO_FIELDS, flat, version: 1, createdAt: 0, expiresAt: 0 })).toThrow(SyntaxError);
  });

  it('writes only what changed against the base read, also after a structured clone', () => {
    const read = fromStored({
      fields: NO_FIELDS,
      flat: flatOf(toFields(session)),
      version: 3,
      createdAt: 0,
      expiresAt: 1,
    });
    read.cart = [];
    delete read.userId;
    const diff = diffFields(toFields(read), readBase(read));
    expect(diff).toEqual({ writes: { 'f:cart': '[]' }, deletes: ['f:userId'] });
    const cloned = structuredClone({ ...read, [BASE_FIELD]: { ...(read[BASE_FIELD] as object) } });
    expect(diffFields(toFields(read), readBase(cloned))).toEqual(diff);
    expect(JSON.stringify(read)).not.toContain(BASE_FIELD);
  });
});
