/**
 * Decodes one OTLP/HTTP payload with the ingest layer's decoders and hands the records to the
 * collector. Holds the process-wide state the trace decoder needs across requests (child spans that
 * arrive one export before their server span).
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { TelemetrySink } from '../../ingest/telemetry-sink.js';
import { decodeTraces } from '../../ingest/otlp/decode-traces.js';
import type { OtlpDecodeOptions } from '../../ingest/otlp/otlp-decode-options.js';
import type { OtlpEncoding, OtlpSignal } from '../../ingest/otlp/otlp-payload.js';
import { PendingChildSpans } from '../../ingest/otlp/pending-child-spans.js';
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
      case 'metrics':
      case 'logs':
        throw new PromptOpsError('unavailable', `OTLP ${signal} decoding is not in this build yet`);
    }
  };
}
