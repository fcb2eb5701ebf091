/**
 * Raw-transaction reads never cut silently: `GET /api/v1/transactions` and
 * `GET /api/v1/users/{id}/requests` keep their fields and add `matched` and `truncated`; the ask
 * tool that reads a user's requests says so in a caveat and its evidence, with the number matched.
 * `offset` and `nextOffset` page through the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../packages/server/src/api/app.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';
import { userRequestsTool } from '../packages/server/src/ask/tools/user-requests.js';
import { tx } from './support/transaction-fixture.js';

const T0 = Date.UTC(2026, 10, 25, 9);
const ALICE = 10_040; // above the ask tool's 10 000-row read
const OTHERS = 60;

let tc: TestCollector;
let app: Hono;

beforeAll(async () => {
  tc = await openTestCollector(T0 + 30 * 60_000);
  const rows = [
    ...Array.from({ length: ALICE }, (_, i) =>
      tx(T0 + i * 100, { userId: 'alice', route: `/r${i % 3}`, url: `/r${i % 3}` }),
    ),
    ...Array.from({ length: OTHERS }, (_, i) => tx(T0 + i * 1000, { userId: 'bob', instance: 'was2' })),
  ];
  expect(tc.collector.transactions(rows).rejected).toBe(0);
  await tc.collector.flush();
  app = createApp({ collector: tc.collector, now: tc.now, log: () => undefined });
}, 120_000);

afterAll(async () => {
  await tc?.dispose();
});

async function getJson(path: string): Promise<Record<string, unknown>> {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const range = `from=${new Date(T0).toISOString()}&to=${new Date(T0 + 30 * 60_000).toISOString()}`;

describe('GET /api/v1/transactions', () => {
  it('says how many rows matched when the limit cut the list', async () => {
    const body = await getJson(`/api/v1/transactions?${range}&instance=was2&limit=25`);
    expect(body).toMatchObject({ count: 25, matched: OTHERS, truncated: true });
    expect(body.from).toBe(new Date(T0).toISOString());
    expect(body.transactions).toHaveLength(25);
  });

  it('is not truncated when the list is whole', async () => {
    const body = await getJson(`/api/v1/transactions?${range}&instance=was2&limit=100`);
    expect(body).toMatchObject({ count: OTHERS, matched: OTHERS, truncated: false });
  });

  it('counts every match behind the default limit', async () => {
    const body = await getJson(`/api/v1/transactions?${range}`);
    expect(body).toMatchObject({ count: 100, matched: ALICE + OTHERS, truncated: true });
  });
});

describe('GET /api/v1/transactions: paging', () => {
  it('pages through every match with offset and nextOffset, each row once and in time order', async () => {
    const seen: { time: string; userId: string; url: string }[] = [];
    let offset: number | undefined = 0;
    let pages = 0;
    while (offset !== undefined) {
      const body = await getJson(`/api/v1/transactions?${range}&limit=1000&offset=${offset}`);
      expect(body.offset).toBe(offset);
      seen.push(...(body.transactions as { time: string; userId: string; url: string }[]));
      expect(body.matched).toBe(ALICE + OTHERS);
      offset = body.nextOffset as number | undefined;
      expect(body.truncated).toBe(offset !== undefined);
      pages++;
    }
    expect(pages).toBe(Math.ceil((ALICE + OTHERS) / 1000));
    expect(seen).toHaveLength(ALICE + OTHERS);
    // Alice's and Bob's rows share timestamps every second: ties must not repeat or skip across pages.
    expect(new Set(seen.map((t) => `${t.time} ${t.userId} ${t.url}`)).size).toBe(ALICE + OTHERS);
    expect(seen.map((t) => t.time)).toEqual([...seen.map((t) => t.time)].sort());
  });

  it("pages a user's requests too, and an offset past the end is an empty, untruncated page", async () => {
    const body = await getJson(`/api/v1/users/bob/requests?${range}&limit=25&offset=50`);
    expect(body).toMatchObject({ count: 10, matched: OTHERS, truncated: false, offset: 50 });
    expect(body.nextOffset).toBeUndefined();
    const past = await getJson(`/api/v1/users/bob/requests?${range}&offset=500`);
    expect(past).toMatchObject({ count: 0, matched: OTHERS, truncated: false, offset: 500 });
  });

  it('refuses an offset that is negative, fractional, not a number or too deep, as JSON', async () => {
    for (const offset of ['-1', '1.5', 'x', '10000001']) {
      const res = await app.request(`/api/v1/transactions?${range}&offset=${offset}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_parameter');
    }
  });
});

describe('GET /api/v1/users/{id}/requests', () => {
  it('adds matched and truncated to the user list', async () => {
    const body = await getJson(`/api/v1/users/bob/requests?${range}&limit=10`);
    expect(body).toMatchObject({ userId: 'bob', count: 10, matched: OTHERS, truncated: true });
    expect(body.requests).toHaveLength(10);
  });
});

describe('ask: user_requests', () => {
  const ctx = () => ({
    collector: tc.collector,
    now: tc.now(),
    timeZone: 'UTC',
    windowSeconds: 300,
    modes: ['ip'] as const,
    capacity: {},
  });
  const input = (userId: string) => ({
    userId,
    range: { from: new Date(T0).toISOString(), to: new Date(T0 + 30 * 60_000).toISOString() },
  });

  it('caveats a read the row cap cut, with the number matched in its evidence', async () => {
    const r = await userRequestsTool.run(ctx(), input('alice'));
    expect(r.caveats).toContain('read the first 10000 requests only');
    expect(r.data).toMatchObject({ requests: 10_000, matched: ALICE, truncated: true });
    expect(r.evidence[0].description).toContain(`the first 10000 of ${ALICE} matching`);
  });

  it('has no such caveat when every request was read', async () => {
    const r = await userRequestsTool.run(ctx(), input('bob'));
    expect(r.caveats.some((c) => c.startsWith('read the first'))).toBe(false);
    expect(r.data).toMatchObject({ requests: OTHERS, matched: OTHERS, truncated: false });
  });
});
