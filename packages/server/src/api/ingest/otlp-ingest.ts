/**
 * Decodes one OTLP/HTTP payload with the ingest layer's decoders and hands the records to the
 * collector. Holds the process-wide state the trace decoder needs across requests (child spans that
 * arrive one export before their server span).
 */
import {
  decodeLogs,
  decodeMetrics,
  decodeTraces,
  PendingChildSpans,
  type OtlpDecodeOptions,
  type OtlpEncoding,
  type OtlpSignal,
  type TelemetrySink,
} from '../../ingest/index.js';
import type { IngestReport } from '../../model/telemetry.js';

export type OtlpIngest = (signal: OtlpSignal, encoding: OtlpEncoding, body: Uint8Array) => IngestReport;

/** An ingest function bound to a sink and decode options, with its own pending-child-span buffer. */
export function createOtlpIngest(sink: TelemetrySink, options: OtlpDecodeOptions): OtlpIngest {
  const pending = new PendingChildSpans();
  const traceOptions = { ...options, pending };
  return (signal, encoding, body) => {
    switch (signal) {
      case 'traces': {
        const { transactions, report } = decodeTraces(body, encoding, traceOptions);
        if (transactions.length > 0) sink.transactions(transactions);
        return report;
      }
      case 'metrics': {
        const { samples, report } = decodeMetrics(body, encoding, options);
        if (samples.length > 0) sink.metrics(samples);
        return report;
      }
      case 'logs': {
        const { records, report } = decodeLogs(body, encoding, options);
        if (records.length > 0) sink.logs(records);
        return report;
      }
    }
  };
}
