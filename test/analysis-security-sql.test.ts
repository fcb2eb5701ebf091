/**
 * The abnormal-access rules run inside DuckDB (`Store.aggregates`) must give exactly what the array
 * rules give on the same rows: simulated background traffic plus hand-made actors for every rule
 * (a login burst, a shared account, a scanner with attack URLs, an encoded traversal, a scanner user
 * agent and unknown paths, and a script at 30× its user's rate), loaded into a real in-memory store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { abnormalAccessFromStore } from '../packages/server/src/analysis/data-access.js';
import type { Transaction } from '../packages/server/src/model/transaction.js';
import { createSimulator } from '../packages/server/src/sim/simulator.js';
import { tx } from './support/transaction-fixture.js';
import { DuckDbStore } from '../packages/server/src/store/duckdb-store.js';
import type { Store } from '../packages/server/src/store/store.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 18, 1, 0, 0);
const RANGE = { from: T0 + 30 * MINUTE, to: T0 + 60 * MINUTE };

function actors(): Transaction[] {
  const out: Transaction[] = [];
  for (let i = 0; i < 6; i++)
    out.push(tx(RANGE.from + i * 4 * MINUTE + 7, { userId: 'shared-acct', clientIp: `100.64.0.${i + 1}` }));
  const scanner = { clientIp: '192.0.2.66', userAgent: 'sqlmap/1.8.2#stable (https://sqlmap.org)', status: 404 };
  const attacks = ['/download?file=../../../../etc/passwd', '/.env', "/products/1' UNION SELECT password FROM users--"];
  attacks.forEach((url, i) => out.push(tx(RANGE.from + 60_011 + i * 1000, { ...scanner, url, route: url })));
  for (let i = 0; i < 30; i++) {
    const url = `/backup-${i}.zip`;
    out.push(tx(RANGE.from + 70_013 + i * 500, { ...scanner, url, route: url }));
  }
  // Only the decoded URL shows the traversal.
  out.push(tx(RANGE.from + 90_017, { clientIp: '198.51.100.9', url: '/files?name=%2E%2E%2F%2E%2E%2Fetc%2Fpasswd' }));
  for (let k = 0; k < 15; k++)
    out.push(
      tx(RANGE.from + 5 * MINUTE + k * 3000 + 19, {
        clientIp: '203.0.113.5',
        url: '/login',
        route: '/login',
        status: 401,
        method: 'POST',
      }),
    );
  for (let m = 0; m < 30; m++)
    for (let k = 0; k < 4; k++)
      out.push(tx(T0 + m * MINUTE + k * 15_000 + 23, { userId: 'u-script', clientIp: '10.9.9.9' }));
  for (let k = 0; k < 120; k++)
    out.push(tx(RANGE.from + 10 * MINUTE + k * 500 + 29, { userId: 'u-script', clientIp: '10.9.9.9' }));
  return out;
}

/** The same store seen without its aggregates: the analyses fall back to reading rows. */
function rowsOnly(store: Store): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'aggregates') return undefined;
      const v: unknown = Reflect.get(target, key, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

let store: DuckDbStore;

beforeAll(async () => {
  store = await DuckDbStore.open(':memory:');
  const sim = createSimulator({ seed: 3 });
  const background = sim.traffic(T0, { incidents: 'none' }).advance(RANGE.to).transactions;
  await store.writeBatch({ transactions: [...background, ...actors()].sort((a, b) => a.time - b.time) });
}, 120_000);

afterAll(async () => {
  await store?.close();
});

describe('abnormal access in the store', () => {
  it('gives the same findings, counts and evidence as the array rules', async () => {
    const options = { baselineMs: 30 * MINUTE };
    const sql = await abnormalAccessFromStore(store, RANGE, options);
    const rows = await abnormalAccessFromStore(rowsOnly(store), RANGE, options);
    expect(new Set(sql.findings.map((f) => f.rule))).toEqual(
      new Set([
        'login_burst',
        'user_many_ips',
        'abnormal_url',
        'scanner_user_agent',
        'unknown_route_scan',
        'request_rate_outlier',
      ]),
    );
    expect(sql.findings.map((f) => `${f.rule} ${f.subject.value}`)).toEqual(
      rows.findings.map((f) => `${f.rule} ${f.subject.value}`),
    );
    expect(sql.findings).toEqual(rows.findings);
    expect(sql.counts).toEqual(rows.counts);
    expect(sql.evidence).toEqual(rows.evidence);
  }, 120_000);
});
