/**
 * OTLP protobuf trace export request → DecodedSpans, read straight from the generated protobufjs
 * message (no JSON conversion, no per-span zod): the hot path of `POST /v1/traces` with protobuf,
 * which real exporters (Java agent, the JS proto exporter) send. Each span is checked by hand with
 * the same rules as `spanSchema` — a 16-byte trace id, an 8-byte span id, an empty or 8-byte parent
 * id, a start time — and a malformed one is rejected with its 1-based position, never thrown.
 */
import type { IngestReport } from '../../model/telemetry.js';
import { recordRejection } from '../../model/telemetry.js';
import { resourceIdentity } from './otlp-attributes.js';
import type { LongLike, ProtoKeyValue } from './proto-message.js';
import { idHex, nanosLongToMs, protoAttributeMap, protoKeyValues } from './proto-message.js';
import type { OtlpSpan } from './otlp-schema.js';
import type { DecodedSpan } from './span-to-transaction.js';

/** A decoded `Span.Event` message. */
export interface ProtoSpanEvent {
  timeUnixNano?: LongLike | number | null;
  name?: string | null;
  attributes?: ProtoKeyValue[] | null;
}

/** A span event in the shape `spanSchema` gives it (shared with the fast reader). */
export function toOtlpEvent(ev: ProtoSpanEvent): OtlpSpan['events'][number] {
  return {
    timeUnixNano:
      ev.timeUnixNano === null || ev.timeUnixNano === undefined ? undefined : nanosLongToMs(ev.timeUnixNano),
    name: ev.name ?? '',
    attributes: protoKeyValues(ev.attributes),
  };
}

interface ProtoSpan {
  traceId?: Uint8Array | null;
  spanId?: Uint8Array | null;
  parentSpanId?: Uint8Array | null;
  name?: string | null;
  kind?: number | null;
  startTimeUnixNano?: LongLike | number | null;
  endTimeUnixNano?: LongLike | number | null;
  attributes?: ProtoKeyValue[] | null;
  events?: ProtoSpanEvent[] | null;
  status?: { code?: number | null; message?: string | null } | null;
}

/** The decoded `ExportTraceServiceRequest` message, as far as this module reads it. */
export interface ProtoTraceRequest {
  resourceSpans?: {
    resource?: { attributes?: ProtoKeyValue[] | null } | null;
    scopeSpans?: { spans?: ProtoSpan[] | null }[] | null;
  }[];
}

/** Why a span cannot be used, or null (the rules of `spanSchema`, in its words). */
function spanProblem(s: ProtoSpan): string | null {
  if (!s.traceId || s.traceId.length !== 16) return 'traceId: not a 16-byte id';
  if (!s.spanId || s.spanId.length !== 8) return 'spanId: not an 8-byte id';
  if (s.parentSpanId && s.parentSpanId.length !== 0 && s.parentSpanId.length !== 8)
    return 'parentSpanId: not an 8-byte id';
  if (s.startTimeUnixNano === null || s.startTimeUnixNano === undefined) return 'startTimeUnixNano: Required';
  return null;
}

function toOtlpSpan(s: ProtoSpan): OtlpSpan {
  const parent = idHex(s.parentSpanId);
  return {
    traceId: idHex(s.traceId),
    spanId: idHex(s.spanId),
    parentSpanId: parent === '' ? undefined : parent,
    name: s.name ?? '',
    kind: s.kind ?? 0,
    startTimeUnixNano: nanosLongToMs(s.startTimeUnixNano),
    endTimeUnixNano: nanosLongToMs(s.endTimeUnixNano),
    // The attribute list lives on as `DecodedSpan.attrs`; nothing downstream reads the raw list.
    attributes: [],
    events: s.events && s.events.length > 0 ? s.events.map(toOtlpEvent) : [],
    status: { code: s.status?.code ?? 0, message: s.status?.message ?? undefined },
  };
}

/** Adds every well-formed span of the request to `byTrace` (grouped by trace id); counts the rest. */
export function collectProtoSpans(
  request: ProtoTraceRequest,
  fallbackInstance: string,
  report: IngestReport,
  byTrace: Map<string, DecodedSpan[]>,
): void {
  let at = 0;
  for (const rs of request.resourceSpans ?? []) {
    const resource = resourceIdentity(protoAttributeMap(rs.resource?.attributes), fallbackInstance);
    for (const ss of rs.scopeSpans ?? []) {
      for (const s of ss.spans ?? []) {
        at++;
        const problem = spanProblem(s);
        if (problem !== null) {
          recordRejection(report, at, `span: ${problem}`);
          continue;
        }
        report.accepted++;
        const d: DecodedSpan = { span: toOtlpSpan(s), attrs: protoAttributeMap(s.attributes), resource };
        const list = byTrace.get(d.span.traceId);
        if (list) list.push(d);
        else byTrace.set(d.span.traceId, [d]);
      }
    }
  }
}
