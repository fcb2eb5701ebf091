/** The three-way merge a write falls back to when another write came first. */
import { describe, expect, it } from 'vitest';
import { mergeSession } from './session-merge.js';
import { BASE_FIELD } from './session-record.js';

const cookie = { originalMaxAge: 60_000, path: '/', httpOnly: true };

describe('merge by top-level field', () => {
  it("applies this request's changes and keeps every field it did not change as stored", () => {
    const base = { cookie, userId: 'u1', cart: [] as string[], theme: 'light' };
    const mine = { ...base, cart: ['book'], [BASE_FIELD]: { v: 1 } };
    // Meanwhile a logout removed the user and another request changed the theme.
    const theirs = { cookie, cart: [], theme: 'dark' };
    expect(mergeSession(base, mine, theirs)).toEqual({ cookie, cart: ['book'], theme: 'dark' });
  });

  it('removes what this request removed, and its change wins on a field both changed', () => {
    const base = { cookie, userId: 'u1', flash: 'hi', cart: ['a'] };
    const mine = { cookie, userId: 'u1', cart: ['a', 'b'] };
    const theirs = { cookie, userId: 'u1', flash: 'hi', cart: ['c'] };
    expect(mergeSession(base, mine, theirs)).toEqual({ cookie, userId: 'u1', cart: ['a', 'b'] });
  });

  it('without a base (a session object the store did not give out), every field of it is a change', () => {
    expect(mergeSession({}, { cookie, a: 1 }, { cookie: { path: '/x' }, b: 2 })).toEqual({ cookie, a: 1, b: 2 });
  });
});
