/**
 * Decodes one OTLP/HTTP payload with the ingest layer's OTLP decoders and hands the records to the
 * collector. (The decoders land with the ingest issue; until then this answers 503 so exporters retry.)
 */
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { TelemetrySink } from '../../ingest/telemetry-sink.js';
import type { IngestReport } from '../../model/telemetry.js';
import type { OtlpEncoding, OtlpSignal } from '../otlp/otlp-response.js';

export function ingestOtlpPayload(
  signal: OtlpSignal,
  _encoding: OtlpEncoding,
  _body: Uint8Array,
  _sink: TelemetrySink,
): IngestReport {
  throw new PromptOpsError('unavailable', `OTLP ${signal} decoding is not in this build yet`);
}
