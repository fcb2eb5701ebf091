/**
 * Late data inside the CCU window: a transaction whose time lies in (now − W, now] counts in "CCU now"
 * however late it arrives — on a fresh collector and on one whose buckets are long finalized/flushed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Transaction } from '../model/transaction.js';
import { openTestCollector } from './testing/test-collector.js';
import type { TestCollector } from './testing/test-collector.js';

const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
let open: TestCollector[] = [];

afterEach(async () => {
  await Promise.all(open.map((c) => c.dispose()));
  open = [];
});

function tx(time: number, user: string, instance = 'app-1'): Transaction {
  return {
    time,
    durationMs: 5,
    status: 200,
    error: false,
    method: 'GET',
    url: '/',
    route: '/',
    instance,
    service: 'shop',
    clientIp: '10.0.0.1',
    userId: user,
    bytes: 1,
  };
}

async function collectorAt(start: number): Promise<TestCollector> {
  const c = await openTestCollector(start, { modes: 'user' });
  open.push(c);
  return c;
}

describe('late data inside the CCU window', () => {
  it('counts spans stamped 30–60 s before ingest on a fresh collector', async () => {
    const c = await collectorAt(T0);
    const now = T0 + 2_000;
    await c.advanceTo(now);
    c.collector.transactions([tx(now - 30_000, 'u30'), tx(now - 45_000, 'u45'), tx(now - 60_000, 'u60')]);
    const r = await c.collector.concurrentUsers();
    expect(r.value).toBe(3);
    expect(r.instances).toEqual([expect.objectContaining({ instance: 'app-1', value: 3 })]);
  });

  it('counts late data in closed, flushed buckets of a long-running collector', async () => {
    const c = await collectorAt(T0);
    // One transaction every 10 s: four of five 2 s buckets stay empty (no sketch to refer to).
    for (let t = T0; t < T0 + 10 * 60_000; t += 10_000) {
      c.collector.transactions([tx(t, `steady-${Math.floor((t - T0) / 120_000)}`)]);
      await c.advanceTo(t + 10_000);
    }
    const now = c.now();
    const before = (await c.collector.concurrentUsers()).value;
    // Buckets 48 s, 124 s and 276 s old are finalized, flushed and empty; 120 s old already has a row.
    c.collector.transactions([tx(now - 48_000, 'late-a'), tx(now - 124_000, 'late-b'), tx(now - 276_000, 'late-c')]);
    c.collector.transactions([tx(now - 120_000, 'late-d')]);
    expect((await c.collector.concurrentUsers()).value).toBe(before + 4);
    // Outside the window: stored, but not in CCU now.
    c.collector.transactions([tx(now - 301_000, 'too-old')]);
    expect((await c.collector.concurrentUsers()).value).toBe(before + 4);
    // Still counted after more ticks slide the window (until the data leaves it).
    await c.advanceTo(now + 10_000);
    expect((await c.collector.concurrentUsers()).value).toBeGreaterThanOrEqual(before + 3);
  });
});
