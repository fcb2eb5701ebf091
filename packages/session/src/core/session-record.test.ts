/**
 * The stored document: its version at the head (what the Lua scripts read without decoding), the
 * session as its own JSON (no hidden base, no ended notice), tombstones told apart by one character,
 * and the hidden base surviving a structured clone.
 */
import { describe, expect, it } from 'vitest';
import {
  BASE_FIELD,
  ENDED_FIELD,
  SessionBase,
  cookieExpiry,
  encodeDocument,
  encodeTombstone,
  isTombstone,
  parseDocument,
  readBase,
  sessionJson,
} from './session-record.js';

const session = {
  cookie: { originalMaxAge: 600_000, expires: '2026-11-25T23:13:09.708Z', httpOnly: true, path: '/' },
  userId: 'alice',
  cart: [{ sku: 'A-1', qty: 2, price: 1e21, ratio: 0.1 }],
  'odd "name"\\': { nested: ['x', null, 1.5] },
};

describe('session document', () => {
  it('puts the version first and keeps the session as its own JSON, numbers untouched', () => {
    const doc = encodeDocument(17, sessionJson(session));
    expect(doc).toBe(`{"v":17,"s":${JSON.stringify(session)}}`);
    expect(parseDocument(doc)).toEqual({ v: 17, s: session });
    expect(isTombstone(doc)).toBe(false);
    expect(cookieExpiry(session)).toBe(Date.parse(session.cookie.expires));
    expect(cookieExpiry({ cookie: { originalMaxAge: null } })).toBe(0);
  });

  it('stores neither the hidden base nor an ended-session notice', () => {
    const base = new SessionBase(3, 2, '{"v":3}', 'alice');
    const withBase = { ...session, [BASE_FIELD]: base, [ENDED_FIELD]: { reason: 'admin', at: 1 } };
    expect(JSON.parse(sessionJson(withBase))).toEqual(session);
    expect(withBase[ENDED_FIELD]).toBeDefined();
  });

  it('tells a tombstone by its negative version', () => {
    const t = encodeTombstone('duplicate-login', 5);
    expect(t).toBe('{"v":-1,"x":"duplicate-login","at":5}');
    expect(isTombstone(t)).toBe(true);
    expect(isTombstone(encodeDocument(1, '{}'))).toBe(false);
  });

  it('reads the base back after a structured clone', () => {
    const doc = encodeDocument(4, '{"userId":"bob"}');
    const s = { userId: 'bob', [BASE_FIELD]: new SessionBase(4, 20, doc, 'bob') };
    const cloned = structuredClone({ ...s, [BASE_FIELD]: { ...s[BASE_FIELD] } });
    expect(readBase(cloned)).toEqual(new SessionBase(4, 20, doc, 'bob'));
    expect(readBase({ userId: 'bob' })).toBeUndefined();
    expect(JSON.stringify(s)).not.toContain(BASE_FIELD);
  });
});
