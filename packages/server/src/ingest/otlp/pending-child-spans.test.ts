/** The holding area for early child spans stays bounded in time and size, and counts what it drops. */
import { describe, expect, it } from 'vitest';
import { PendingChildSpans } from './pending-child-spans.js';
import type { DecodedSpan } from './span-to-transaction.js';

function child(traceId: string, spanId: string): DecodedSpan {
  return {
    span: {
      traceId,
      spanId,
      parentSpanId: 'ffffffffffffffff',
      name: 'q',
      kind: 3,
      startTimeUnixNano: 0,
      endTimeUnixNano: 1,
      attributes: [],
      events: [],
      status: { code: 0 },
    },
    attrs: new Map(),
    resource: { instance: 'i', service: 's' },
  };
}

describe('PendingChildSpans', () => {
  it('hands spans back by trace and forgets them once taken', () => {
    const p = new PendingChildSpans();
    p.add([child('a'.repeat(32), '1'.repeat(16)), child('b'.repeat(32), '2'.repeat(16))], 1000);
    expect(p.take('a'.repeat(32)).map((d) => d.span.spanId)).toEqual(['1'.repeat(16)]);
    expect(p.take('a'.repeat(32))).toEqual([]);
    expect(p.pending).toBe(1);
  });

  it('drops traces past their TTL and the oldest past the size cap', () => {
    const p = new PendingChildSpans({ ttlMs: 1000, maxSpans: 3 });
    p.add([child('a'.repeat(32), '1'.repeat(16))], 0);
    p.add([child('b'.repeat(32), '2'.repeat(16))], 1500); // evicts a (1.5 s old)
    expect(p.dropped).toBe(1);
    p.add(
      [
        child('c'.repeat(32), '3'.repeat(16)),
        child('c'.repeat(32), '4'.repeat(16)),
        child('d'.repeat(32), '5'.repeat(16)),
      ],
      1600,
    );
    expect(p.pending).toBe(3); // b (oldest) went to make room
    expect(p.dropped).toBe(2);
    expect(p.take('b'.repeat(32))).toEqual([]);
  });
});
