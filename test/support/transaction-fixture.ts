/**
 * A plain successful GET on was1, for tests that build hand-made actors over simulated background:
 * each test states only the fields its rule looks at.
 */
import type { Transaction } from '../../packages/server/src/model/transaction.js';

export function tx(time: number, extra: Partial<Transaction>): Transaction {
  return {
    time,
    durationMs: 30,
    status: 200,
    error: false,
    method: 'GET',
    url: '/dashboard',
    route: '/dashboard',
    instance: 'was1',
    service: 'shop-web',
    clientIp: '10.1.1.1',
    bytes: 1000,
    ...extra,
  };
}
