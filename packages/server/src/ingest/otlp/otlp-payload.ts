/**
 * Turns an OTLP/HTTP body into the OTLP/JSON object shape, whatever its encoding. Protobuf is decoded
 * with OpenTelemetry's own generated classes (the protobufjs static code shipped in
 * `@opentelemetry/otlp-transformer`), then converted with the generated `toObject` to the JSON
 * mapping (ids become hex, int64 strings, enums numbers), so one decoder path serves both encodings.
 * JSON gets snake_case keys and pre-1.0 `instrumentationLibrary*` names renamed to the spec's.
 */
import type { IConversionOptions } from 'protobufjs';
import otlpRoot from '@opentelemetry/otlp-transformer/build/src/generated/root.js';
import { PromptOpsError } from '../../errors/promptops-error.js';

export type OtlpSignal = 'traces' | 'metrics' | 'logs';
export type OtlpEncoding = 'json' | 'protobuf';

/** The part of a protobufjs static message class this module uses. */
export interface OtlpMessageClass {
  decode(reader: Uint8Array): object;
  encode(message: object): { finish(): Uint8Array };
  fromObject(object: Record<string, unknown>): object;
  toObject(message: object, options?: IConversionOptions): Record<string, unknown>;
}

interface GeneratedRoot {
  opentelemetry: {
    proto: {
      collector: {
        trace: { v1: { ExportTraceServiceRequest: OtlpMessageClass } };
        metrics: { v1: { ExportMetricsServiceRequest: OtlpMessageClass } };
        logs: { v1: { ExportLogsServiceRequest: OtlpMessageClass } };
      };
    };
  };
}

const collector = (otlpRoot as unknown as GeneratedRoot).opentelemetry.proto.collector;

/** The generated export-request class of a signal (also used by tests to encode payloads). */
export function exportRequestClass(signal: OtlpSignal): OtlpMessageClass {
  switch (signal) {
    case 'traces':
      return collector.trace.v1.ExportTraceServiceRequest;
    case 'metrics':
      return collector.metrics.v1.ExportMetricsServiceRequest;
    case 'logs':
      return collector.logs.v1.ExportLogsServiceRequest;
  }
}

/** `application/json` → json, `application/x-protobuf` / `application/protobuf` → protobuf. */
export function otlpEncodingOf(contentType: string | undefined | null): OtlpEncoding | undefined {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (ct === 'application/json') return 'json';
  if (ct === 'application/x-protobuf' || ct === 'application/protobuf') return 'protobuf';
  return undefined;
}

const TO_OBJECT: IConversionOptions = { longs: String, enums: Number, bytes: String, defaults: false, arrays: true };
const ID_KEYS = new Set(['traceId', 'spanId', 'parentSpanId']);

/** Rewrites base64 id fields (protobuf `bytes`) to the hex the JSON mapping uses, in place. */
function idsToHex(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) idsToHex(v);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    if (ID_KEYS.has(key) && typeof v === 'string') obj[key] = Buffer.from(v, 'base64').toString('hex');
    else if (typeof v === 'object' && key !== 'attributes' && key !== 'body') idsToHex(v);
  }
}

function camel(key: string): string {
  // Pre-1.0 OTLP: instrumentationLibrarySpans → scopeSpans, instrumentationLibrary → scope.
  if (key.startsWith('instrumentationLibrary')) key = `scope${key.slice('instrumentationLibrary'.length)}`;
  else if (key.startsWith('instrumentation_library')) key = `scope${key.slice('instrumentation_library'.length)}`;
  return key.indexOf('_') < 0 ? key : key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Recursively renames snake_case (and legacy) object keys; attribute *names* are values, untouched. */
function normaliseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[camel(k)] = normaliseKeys(v);
  return out;
}

const NEEDS_RENAME = /"[a-z]+_[a-z_]+"\s*:|"instrumentationLibrary/;

/**
 * Decodes a protobuf body to the generated message object (absent fields null, ids as bytes, int64 as
 * Long); an undecodable body throws `malformed_payload`. The traces hot path reads this directly.
 */
export function decodeOtlpProtobuf(body: Uint8Array | string, signal: OtlpSignal): object {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'binary') : body;
  try {
    return exportRequestClass(signal).decode(bytes);
  } catch (err) {
    throw new PromptOpsError(
      'malformed_payload',
      `undecodable OTLP protobuf ${signal} payload: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
}

/** Decodes a body to the OTLP/JSON shape; an undecodable body throws `malformed_payload`. */
export function decodeOtlpPayload(body: Uint8Array | string, encoding: OtlpEncoding, signal: OtlpSignal): unknown {
  if (encoding === 'protobuf') {
    const message = decodeOtlpProtobuf(body, signal);
    const obj = exportRequestClass(signal).toObject(message, TO_OBJECT);
    idsToHex(obj);
    return obj;
  }
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new PromptOpsError('malformed_payload', `invalid OTLP JSON ${signal} payload: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new PromptOpsError('malformed_payload', `OTLP JSON ${signal} payload must be an object`);
  }
  return NEEDS_RENAME.test(text) ? normaliseKeys(parsed) : parsed;
}
