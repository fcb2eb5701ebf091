/**
 * Sends session events to the collector in batches, off the request path: `push` never blocks, never
 * throws, and a full queue or a failed POST drops events and counts them, so a slow or dead collector
 * cannot slow down or break the app.
 */
import type { SessionEvent, SessionEventBatch, SessionGauge } from './session-event.js';

export interface EventReporterOptions {
  collector: string;
  batchSize: number;
  queueLimit: number;
  flushMs: number;
  timeoutMs: number;
}

export interface EventReporterStats {
  eventsSent: number;
  eventsDropped: number;
  eventsQueued: number;
}

export class EventReporter {
  private queue: SessionEvent[] = [];
  private gauges: SessionGauge[] = [];
  private readonly timer: NodeJS.Timeout;
  private inFlight: Promise<void> | undefined;
  private readonly url: string;
  sent = 0;
  dropped = 0;

  constructor(private readonly options: EventReporterOptions) {
    this.url = `${options.collector.replace(/\/+$/, '')}/api/v1/ingest/session-events`;
    this.timer = setInterval(() => void this.flush(), options.flushMs);
    this.timer.unref();
  }

  push(event: SessionEvent): void {
    if (this.queue.length >= this.options.queueLimit) {
      this.dropped++;
      return;
    }
    this.queue.push(event);
    if (this.queue.length >= this.options.batchSize && !this.inFlight) void this.flush();
  }

  pushGauge(gauge: SessionGauge): void {
    // Only the latest gauge per instance matters; keep a few in case the collector is briefly down.
    this.gauges.push(gauge);
    if (this.gauges.length > 16) this.gauges.shift();
  }

  stats(): EventReporterStats {
    return { eventsSent: this.sent, eventsDropped: this.dropped, eventsQueued: this.queue.length };
  }

  /** Sends everything queued, one batch at a time; resolves when done (failures are counted, not thrown). */
  flush(): Promise<void> {
    if (!this.inFlight) {
      // Cleared only once settled: clearing inside drain() would happen before this assignment when
      // the queue is empty, leaving a settled promise that blocks every later flush.
      const run: Promise<void> = this.drain().finally(() => {
        if (this.inFlight === run) this.inFlight = undefined;
      });
      this.inFlight = run;
    }
    return this.inFlight;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 || this.gauges.length > 0) {
      const events = this.queue.splice(0, this.options.batchSize);
      const gauges = this.gauges.splice(0);
      if (!(await this.post({ events, ...(gauges.length ? { gauges } : {}) }))) {
        this.dropped += events.length;
        return;
      }
      this.sent += events.length;
    }
  }

  private async post(batch: SessionEventBatch): Promise<boolean> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
