/**
 * Child spans waiting for their server span. SDK batch processors export spans as they end, and a
 * request's database and HTTP client spans end before the server span, so they often arrive one
 * export earlier. The HTTP layer keeps one of these per process and passes it to `decodeTraces`; spans
 * are held for a bounded time and count, then dropped (and counted), never grown without limit.
 */
import { detachFromBody } from './proto-trace-reader.js';
import type { DecodedSpan } from './span-to-transaction.js';

export interface PendingChildSpansOptions {
  /** How long a child span waits for its server span (default 60 s). */
  ttlMs?: number;
  /** Most spans held at once; the oldest go first (default 50 000). */
  maxSpans?: number;
}

export class PendingChildSpans {
  private readonly byTrace = new Map<string, { at: number; spans: DecodedSpan[] }>();
  private size = 0;
  /** Spans dropped without ever meeting their server span. */
  dropped = 0;
  private readonly ttlMs: number;
  private readonly maxSpans: number;

  constructor(options: PendingChildSpansOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxSpans = options.maxSpans ?? 50_000;
  }

  get pending(): number {
    return this.size;
  }

  /** Removes and returns the spans waiting in `traceId`. */
  take(traceId: string): DecodedSpan[] {
    const entry = this.byTrace.get(traceId);
    if (!entry) return [];
    this.byTrace.delete(traceId);
    this.size -= entry.spans.length;
    return entry.spans;
  }

  add(spans: DecodedSpan[], now = Date.now()): void {
    for (const d of spans) {
      // Held past its request: must not keep the request body alive.
      detachFromBody(d);
      let entry = this.byTrace.get(d.span.traceId);
      if (!entry) {
        entry = { at: now, spans: [] };
        this.byTrace.set(d.span.traceId, entry);
      }
      entry.spans.push(d);
      this.size++;
    }
    this.evict(now);
  }

  /** Map order is insertion order, so the oldest traces are first. */
  private evict(now: number): void {
    for (const [traceId, entry] of this.byTrace) {
      if (this.size <= this.maxSpans && now - entry.at <= this.ttlMs) break;
      this.byTrace.delete(traceId);
      this.size -= entry.spans.length;
      this.dropped += entry.spans.length;
    }
  }
}
