/**
 * Bounds how many ingest requests are in flight at once. Each one buffers up to the body limit (and
 * its decompressed copy), so without a bound enough slow uploads would exhaust memory and stop the
 * server; past the bound a client gets 429 with Retry-After, which OTLP exporters retry with backoff.
 */
import { PromptOpsError } from '../../errors/promptops-error.js';

export class IngestGate {
  private inFlight = 0;

  constructor(private readonly max: number) {}

  /** Runs `step` holding one slot; throws `rate_limited` when every slot is taken. */
  async run<T>(step: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.max) {
      throw new PromptOpsError('rate_limited', `${this.max} ingest requests are already in progress; retry shortly`);
    }
    this.inFlight++;
    try {
      return await step();
    } finally {
      this.inFlight--;
    }
  }
}
