/**
 * One page of raw transactions that says when it is not everything: the rows (at most `limit`, itself
 * capped at the store's `MAX_QUERY_ROWS`), whether rows were left out, how many matched, and where the
 * next page starts (`offset`). The count query runs only when the first page came back full, so an
 * ordinary read costs nothing more.
 */
import type { Transaction } from '../model/transaction.js';
import { PromptOpsError } from '../errors/promptops-error.js';
import { MAX_QUERY_OFFSET, MAX_QUERY_ROWS } from '../store/store.js';
import type { Store, TransactionQuery } from '../store/store.js';

/** Rows a page holds when the query gives no limit (the store's default). */
export const DEFAULT_PAGE_ROWS = 1000;

export interface TransactionPage {
  transactions: Transaction[];
  /** Rows the page could hold: the query's limit, capped at `MAX_QUERY_ROWS`. */
  limit: number;
  /** Rows skipped before this page (the query's `offset`). */
  offset: number;
  /** Rows matching the query in the store, however many the page holds. */
  matched: number;
  /** True when rows matched beyond this page: ask for `nextOffset`, or narrow the range or filters. */
  truncated: boolean;
  /** The `offset` of the next page, when `truncated`. */
  nextOffset?: number;
}

export async function queryTransactionPage(
  store: Pick<Store, 'queryTransactions' | 'countTransactions'>,
  q: TransactionQuery,
): Promise<TransactionPage> {
  const limit = Math.max(1, Math.min(Math.trunc(q.limit ?? DEFAULT_PAGE_ROWS), MAX_QUERY_ROWS));
  const offset = Math.max(0, Math.trunc(q.offset ?? 0));
  if (offset > MAX_QUERY_OFFSET)
    throw new PromptOpsError(
      'invalid_parameter',
      `offset ${offset} is above ${MAX_QUERY_OFFSET}; narrow the range instead`,
    );
  const transactions = await store.queryTransactions({ ...q, limit, offset });
  const seen = offset + transactions.length;
  // A short first page is everything; any other page needs the count (rows written between the two
  // reads can make the count lag the rows seen, never the other way round for a page that has rows).
  const matched =
    offset === 0 && transactions.length < limit
      ? seen
      : await store.countTransactions(q).then((n) => (transactions.length > 0 ? Math.max(seen, n) : n));
  const truncated = matched > seen;
  return { transactions, limit, offset, matched, truncated, ...(truncated ? { nextOffset: seen } : {}) };
}
