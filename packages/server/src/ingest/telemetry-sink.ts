/**
 * Where decoded telemetry goes. The collector implements it; parsers and importers only know this
 * interface. Implementations never throw per record: they count what they drop.
 */
import type { Transaction } from '../model/transaction.js';
import type { LogRecord, MetricSample, SessionEvent } from '../model/telemetry.js';

export interface TelemetrySink {
  transactions(txs: Transaction[]): void;
  metrics(samples: MetricSample[]): void;
  logs(records: LogRecord[]): void;
  sessionEvents(events: SessionEvent[]): void;
}
