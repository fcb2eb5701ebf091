/**
 * Raw-transaction pages say when the limit left rows out, against the real embedded store: the
 * count matches every filter, a full page that is exactly everything is not "truncated", and a limit
 * above the store's 100 000-row cap comes back capped but flagged, with the true number matched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Transaction } from '../model/transaction.js';
import { DuckDbStore } from '../store/duckdb-store.js';
import { MAX_QUERY_ROWS } from '../store/store.js';
import { queryTransactionPage } from './transaction-page.js';

const T0 = Date.UTC(2026, 10, 25, 12);
const N = MAX_QUERY_ROWS + 250;

function row(i: number): Transaction {
  return {
    time: T0 + i * 10,
    durationMs: i % 1000,
    status: i % 50 === 0 ? 500 : 200,
    error: i % 50 === 0,
    method: 'GET',
    url: `/p/${i % 7}`,
    route: `/p/${i % 7}`,
    instance: i % 2 === 0 ? 'was1' : 'was2',
    service: 'shop',
    clientIp: `10.0.${(i >> 8) & 255}.${i & 255}`,
    userId: i % 100 === 0 ? 'alice' : undefined,
    bytes: 100,
  };
}

let store: DuckDbStore;

beforeAll(async () => {
  store = await DuckDbStore.open(':memory:');
  await store.appendTransactions(Array.from({ length: N }, (_, i) => row(i)));
}, 120_000);

afterAll(async () => {
  await store?.close();
});

describe('queryTransactionPage', () => {
  const all = { from: T0, to: T0 + N * 10 };

  it('flags a page the limit cut short, with the number of rows that matched the filters', async () => {
    const page = await queryTransactionPage(store, { ...all, instance: 'was1', errorsOnly: true, limit: 100 });
    const expected = Array.from({ length: N }, (_, i) => row(i)).filter((t) => t.instance === 'was1' && t.error).length;
    expect(page).toMatchObject({ limit: 100, matched: expected, truncated: true });
    expect(page.transactions).toHaveLength(100);
    expect(page.transactions.every((t) => t.instance === 'was1' && t.error)).toBe(true);
  });

  it('is not truncated when everything fits, even when it fills the page exactly', async () => {
    const alice = Array.from({ length: N }, (_, i) => row(i)).filter((t) => t.userId === 'alice').length;
    expect(await queryTransactionPage(store, { ...all, userId: 'alice', limit: alice + 5 })).toMatchObject({
      matched: alice,
      truncated: false,
    });
    const exact = await queryTransactionPage(store, { ...all, userId: 'alice', limit: alice });
    expect(exact).toMatchObject({ matched: alice, truncated: false });
    expect(exact.transactions).toHaveLength(alice);
  });

  it('caps a limit above the store cap at 100 000 rows and says how many it left out', async () => {
    const page = await queryTransactionPage(store, { ...all, limit: 250_000 });
    expect(page.limit).toBe(MAX_QUERY_ROWS);
    expect(page.transactions).toHaveLength(MAX_QUERY_ROWS);
    expect(page).toMatchObject({ matched: N, truncated: true });
    // The rows are the first by time: the cut is the tail, as the order promises.
    expect(page.transactions[MAX_QUERY_ROWS - 1].time).toBe(T0 + (MAX_QUERY_ROWS - 1) * 10);
  });
});
