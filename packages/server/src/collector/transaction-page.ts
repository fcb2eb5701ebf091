/**
 * One page of raw transactions that says when it is not everything: the rows (at most `limit`, itself
 * capped at the store's `MAX_QUERY_ROWS`), whether rows were left out, and how many matched. The
 * count query runs only when the page came back full, so an ordinary read costs nothing more.
 */
import type { Transaction } from '../model/transaction.js';
import { MAX_QUERY_ROWS } from '../store/store.js';
import type { Store, TransactionQuery } from '../store/store.js';

/** Rows a page holds when the query gives no limit (the store's default). */
export const DEFAULT_PAGE_ROWS = 1000;

export interface TransactionPage {
  transactions: Transaction[];
  /** Rows the page could hold: the query's limit, capped at `MAX_QUERY_ROWS`. */
  limit: number;
  /** Rows matching the query in the store, however many the page holds. */
  matched: number;
  /** True when `matched` exceeds the rows returned: narrow the range or filters to see the rest. */
  truncated: boolean;
}

export async function queryTransactionPage(
  store: Pick<Store, 'queryTransactions' | 'countTransactions'>,
  q: TransactionQuery,
): Promise<TransactionPage> {
  const limit = Math.max(1, Math.min(Math.trunc(q.limit ?? DEFAULT_PAGE_ROWS), MAX_QUERY_ROWS));
  const transactions = await store.queryTransactions({ ...q, limit });
  const matched =
    transactions.length < limit ? transactions.length : Math.max(transactions.length, await store.countTransactions(q));
  return { transactions, limit, matched, truncated: matched > transactions.length };
}
