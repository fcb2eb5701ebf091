/**
 * Ingest: turns what operators send (OTLP/HTTP traces, metrics and logs in JSON or protobuf; web
 * access logs) into the product's records. Decoders are pure functions: no I/O, no throwing per
 * record — each returns its records and an IngestReport (accepted, rejected with 1-based positions
 * and reasons, `ignored` counts of well-formed but unused records). Only a body that cannot be decoded
 * at all throws, as `PromptOpsError('malformed_payload')`.
 *
 * OTLP (`POST /v1/traces|metrics|logs`; pick the encoding with `otlpEncodingOf(Content-Type)` and undo
 * `Content-Encoding` with `maybeGunzip` first):
 *   decodeTraces(body: Uint8Array | string, contentType: 'json' | 'protobuf', options?: DecodeTracesOptions)
 *     → { transactions: Transaction[]; report: IngestReport }   (report counts spans)
 *   decodeMetrics(body, contentType, options?: OtlpDecodeOptions)
 *     → { samples: MetricSample[]; report: IngestReport }        (report counts data points)
 *   decodeLogs(body, contentType, options?: OtlpDecodeOptions)
 *     → { records: LogRecord[]; report: IngestReport }           (report counts log records)
 *   Keep one `new PendingChildSpans()` per process and pass it as `options.pending` to decodeTraces, so
 *   child spans exported before their server span still reach its transaction. Options: trustedProxies,
 *   sessionCookie (JSESSIONID), visitorCookie, fallbackInstance, maxChildSummaries.
 *
 * Access logs (`POST /api/v1/ingest/access-log?format=&instance=`, `promptops import access-log`):
 *   createAccessLogParser({format, instance, pattern?, trustedProxies?, sessionCookie?, visitorCookie?,
 *     durationUnit?, maxLineLength?}) → { parseLine(line, lineNo) → Transaction | AccessLogRejection | null }
 *   `accessLogOptionsSchema` validates those options from untyped input; `isRejection` tells results apart.
 *   parseAccessLogText(text, options) parses a whole body at once (the HTTP endpoint's case).
 *
 * maybeGunzip(body: Uint8Array, encoding: string | undefined, maxBytes: number) → Promise<Uint8Array>
 *   throws payload_too_large past maxBytes decompressed (gzip-bomb guard), malformed_payload when corrupt.
 */
export { decodeTraces } from './otlp/decode-traces.js';
export type { DecodeTracesOptions } from './otlp/decode-traces.js';
export { decodeMetrics, METRIC_RULES } from './otlp/decode-metrics.js';
export { decodeLogs, severityOf } from './otlp/decode-logs.js';
export type { OtlpDecodeOptions } from './otlp/otlp-decode-options.js';
export { PendingChildSpans } from './otlp/pending-child-spans.js';
export type { PendingChildSpansOptions } from './otlp/pending-child-spans.js';
export { otlpEncodingOf, exportRequestClass } from './otlp/otlp-payload.js';
export type { OtlpEncoding, OtlpSignal } from './otlp/otlp-payload.js';
export { normaliseSql } from './otlp/normalise-sql.js';
export { createAccessLogParser } from './access-log/create-access-log-parser.js';
export type { AccessLogParser } from './access-log/create-access-log-parser.js';
export { parseAccessLogText } from './access-log/parse-access-log-text.js';
export { accessLogOptionsSchema, ACCESS_LOG_FORMATS } from './access-log/access-log-options.js';
export type { AccessLogFormat, AccessLogParserOptions } from './access-log/access-log-options.js';
export { isRejection } from './access-log/access-log-record.js';
export type { AccessLogRejection } from './access-log/access-log-record.js';
export { maybeGunzip } from './maybe-gunzip.js';
export { TrustedProxies, resolveClientAddress } from './client-address.js';
export type { TelemetrySink } from './telemetry-sink.js';
