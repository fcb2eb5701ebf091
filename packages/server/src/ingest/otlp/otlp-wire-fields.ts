/**
 * Field numbers and wire types of the OTLP trace messages that the fast trace reader walks, taken at
 * start-up from OpenTelemetry's own generated protobufjs classes (the static code shipped in
 * `@opentelemetry/otlp-transformer`, built from opentelemetry-proto's .proto files): each field is
 * encoded alone by its message's generated encoder and the tag that comes out is the definition's
 * field number and wire type. The static code carries no reflection descriptors, so its encoders are
 * the definitions' only machine-readable form here. Only field *names* and the kind of value the
 * reader expects are written by hand; a definition that disagrees fails at start-up (and in tests).
 */
import protobuf from 'protobufjs/minimal.js';
import otlpRoot from '@opentelemetry/otlp-transformer/build/src/generated/root.js';

/** Wire types of the protobuf encoding (the low three bits of a tag). */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/** What the reader does with a field's value; each has one wire type. */
type FieldKind = 'bytes' | 'string' | 'message' | 'repeatedMessage' | 'varint' | 'bool' | 'fixed64' | 'double';

const PROBE_VALUE: Record<FieldKind, () => unknown> = {
  bytes: () => new Uint8Array([1]),
  string: () => 'x',
  message: () => ({}),
  repeatedMessage: () => [{}],
  varint: () => 1,
  bool: () => true,
  fixed64: () => 1,
  double: () => 1.5,
};

const EXPECTED_WIRE: Record<FieldKind, number> = {
  bytes: WIRE.lengthDelimited,
  string: WIRE.lengthDelimited,
  message: WIRE.lengthDelimited,
  repeatedMessage: WIRE.lengthDelimited,
  varint: WIRE.varint,
  bool: WIRE.varint,
  fixed64: WIRE.fixed64,
  double: WIRE.fixed64,
};

/** A generated message class, as far as probing and decoding use it. */
export interface GeneratedMessageClass {
  encode(message: object): { finish(): Uint8Array };
  decode(reader: protobuf.Reader | Uint8Array, length?: number): object;
}

/** Walks the generated namespaces by the message's full name, as `Root.lookupType` would. */
export function generatedClass(fullName: string): GeneratedMessageClass {
  let node: unknown = otlpRoot;
  for (const part of fullName.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const cls = node as Partial<GeneratedMessageClass> | undefined;
  if (typeof cls?.encode !== 'function' || typeof cls.decode !== 'function') {
    throw new Error(`OTLP definitions: no generated message class ${fullName}`);
  }
  return cls as GeneratedMessageClass;
}

/** Field number of one field, from its message's generated encoder; its wire type is checked. */
function probeField(cls: GeneratedMessageClass, typeName: string, field: string, kind: FieldKind): number {
  const bytes = cls.encode({ [field]: PROBE_VALUE[kind]() }).finish();
  if (bytes.length === 0) throw new Error(`OTLP definitions: ${typeName} has no field ${field}`);
  const tag = protobuf.Reader.create(bytes).uint32();
  if ((tag & 7) !== EXPECTED_WIRE[kind]) {
    throw new Error(`OTLP definitions: ${typeName}.${field} has wire type ${tag & 7}, the reader expects ${kind}`);
  }
  return tag >>> 3;
}

/**
 * One message's field numbers by name (`no`), and the wire type of every field the definition has
 * (`wire`, by number), so the reader can tell a known field sent with the wrong wire type (which the
 * generated decoder would misread: the reader then defers to it) from an unknown one it may skip.
 */
export interface MessageFields<K extends string> {
  no: Readonly<Record<K, number>>;
  wire: ReadonlyMap<number, number>;
}

/** Candidate values for a field of unknown kind: the encoder writes the tag before the value. */
const ANY_PROBES: readonly (() => unknown)[] = [() => 1, () => 'x', () => new Uint8Array([1]), () => ({}), () => [{}]];

/** Tag of any field of a generated class (all of them are the prototype's enumerable defaults). */
function anyFieldTag(cls: GeneratedMessageClass, field: string): number | undefined {
  for (const probe of ANY_PROBES) {
    try {
      const bytes = cls.encode({ [field]: probe() }).finish();
      if (bytes.length > 0) return protobuf.Reader.create(bytes).uint32();
    } catch {
      // This value does not fit the field's type; the next candidate will.
    }
  }
  return undefined;
}

function messageFields<K extends string>(fullName: string, kinds: Record<K, FieldKind>): MessageFields<K> {
  const cls = generatedClass(fullName);
  const no = {} as Record<K, number>;
  const wire = new Map<number, number>();
  const proto = (cls as unknown as { prototype: Record<string, unknown> }).prototype;
  for (const field of Object.keys(proto)) {
    if (typeof proto[field] === 'function') continue;
    const tag = anyFieldTag(cls, field);
    if (tag !== undefined) wire.set(tag >>> 3, tag & 7);
  }
  for (const field of Object.keys(kinds) as K[]) {
    no[field] = probeField(cls, fullName, field, kinds[field]);
    if (wire.get(no[field]) !== EXPECTED_WIRE[kinds[field]]) {
      throw new Error(`OTLP definitions: ${fullName}.${field} probed inconsistently`);
    }
  }
  return { no, wire };
}

const V1 = 'opentelemetry.proto';

/** The trace export request down to attribute values: what the fast trace reader reads. */
export const TRACE_FIELDS = {
  request: messageFields(`${V1}.collector.trace.v1.ExportTraceServiceRequest`, { resourceSpans: 'repeatedMessage' }),
  resourceSpans: messageFields(`${V1}.trace.v1.ResourceSpans`, { resource: 'message', scopeSpans: 'repeatedMessage' }),
  resource: messageFields(`${V1}.resource.v1.Resource`, { attributes: 'repeatedMessage' }),
  scopeSpans: messageFields(`${V1}.trace.v1.ScopeSpans`, { spans: 'repeatedMessage' }),
  span: messageFields(`${V1}.trace.v1.Span`, {
    traceId: 'bytes',
    spanId: 'bytes',
    parentSpanId: 'bytes',
    name: 'string',
    kind: 'varint',
    startTimeUnixNano: 'fixed64',
    endTimeUnixNano: 'fixed64',
    attributes: 'repeatedMessage',
    events: 'repeatedMessage',
    status: 'message',
  }),
  status: messageFields(`${V1}.trace.v1.Status`, { message: 'string', code: 'varint' }),
  keyValue: messageFields(`${V1}.common.v1.KeyValue`, { key: 'string', value: 'message' }),
  anyValue: messageFields(`${V1}.common.v1.AnyValue`, {
    stringValue: 'string',
    boolValue: 'bool',
    intValue: 'varint',
    doubleValue: 'double',
    arrayValue: 'message',
    kvlistValue: 'message',
    bytesValue: 'bytes',
  }),
  arrayValue: messageFields(`${V1}.common.v1.ArrayValue`, { values: 'repeatedMessage' }),
  keyValueList: messageFields(`${V1}.common.v1.KeyValueList`, { values: 'repeatedMessage' }),
} as const;

/** Span events are rare (exceptions): the reader hands them to the generated decoder whole. */
export const SPAN_EVENT_CLASS = generatedClass(`${V1}.trace.v1.Span.Event`);
