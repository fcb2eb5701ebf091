/**
 * OTLP/HTTP responses, per the specification: a success is an Export<Signal>ServiceResponse whose
 * `partial_success` carries the rejected count and a message when some records were dropped; a
 * failure of a protobuf request is a google.rpc.Status. Both are encoded in the request's content
 * type (binary protobuf for `application/x-protobuf`, proto3 JSON for `application/json`).
 */
import protobuf from 'protobufjs';
import type { OtlpEncoding, OtlpSignal } from '../../ingest/otlp/otlp-payload.js';

export const OTLP_SIGNALS = ['traces', 'metrics', 'logs'] as const satisfies readonly OtlpSignal[];

export const OTLP_CONTENT_TYPE: Record<OtlpEncoding, string> = {
  json: 'application/json',
  protobuf: 'application/x-protobuf',
};

/** Field name of the rejected count in each signal's ExportXPartialSuccess message (proto3 JSON name). */
const REJECTED_FIELD: Record<OtlpSignal, string> = {
  traces: 'rejectedSpans',
  metrics: 'rejectedDataPoints',
  logs: 'rejectedLogRecords',
};

/** Body of a 200 response: full success when `rejected` is 0. */
export function encodeExportResponse(
  signal: OtlpSignal,
  encoding: OtlpEncoding,
  rejected: number,
  errorMessage: string,
): Uint8Array<ArrayBuffer> | string {
  if (encoding === 'json') {
    // proto3 JSON writes int64 as a decimal string; an empty partialSuccess means full success.
    const partial = rejected > 0 ? { [REJECTED_FIELD[signal]]: String(rejected), errorMessage } : {};
    return JSON.stringify({ partialSuccess: partial });
  }
  const w = protobuf.Writer.create();
  if (rejected > 0) {
    // field 1 partial_success { 1: int64 rejected_*, 2: string error_message }
    w.uint32((1 << 3) | 2).fork();
    w.uint32((1 << 3) | 0).int64(rejected);
    if (errorMessage) w.uint32((2 << 3) | 2).string(errorMessage);
    w.ldelim();
  }
  return new Uint8Array(w.finish());
}

/** gRPC status codes the HTTP statuses we answer correspond to (google.rpc.Code). */
function grpcCode(httpStatus: number): number {
  if (httpStatus === 400 || httpStatus === 413 || httpStatus === 415) return 3; // INVALID_ARGUMENT
  if (httpStatus === 429) return 8; // RESOURCE_EXHAUSTED
  if (httpStatus === 503) return 14; // UNAVAILABLE
  return 13; // INTERNAL
}

/** A google.rpc.Status in binary protobuf: the failure body OTLP/HTTP prescribes for protobuf clients. */
export function encodeStatus(httpStatus: number, message: string): Uint8Array<ArrayBuffer> {
  const w = protobuf.Writer.create();
  w.uint32((1 << 3) | 0).int32(grpcCode(httpStatus));
  w.uint32((2 << 3) | 2).string(message);
  // Copied into a plain ArrayBuffer-backed array, which is what a Response body accepts.
  return new Uint8Array(w.finish());
}
