/**
 * Test support: encodes an OTLP/JSON object as protobuf with the same generated classes the decoder
 * uses (hex ids become bytes first, as the JSON mapping requires), so tests can check that both
 * encodings of one payload decode to the same records.
 */
import type { OtlpSignal } from './otlp-payload.js';
import { exportRequestClass } from './otlp-payload.js';

const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId']);

function hexIdsToBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIdsToBytes);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = ID_KEYS.has(k) && typeof v === 'string' ? Buffer.from(v, 'hex') : hexIdsToBytes(v);
  }
  return out;
}

export function encodeOtlpProtobuf(signal: OtlpSignal, json: unknown): Uint8Array {
  const cls = exportRequestClass(signal);
  return cls.encode(cls.fromObject(hexIdsToBytes(json) as Record<string, unknown>)).finish();
}
