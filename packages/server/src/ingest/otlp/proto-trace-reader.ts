/**
 * The fast path of `POST /v1/traces` with protobuf: walks an `ExportTraceServiceRequest` with the
 * protobufjs `Reader`, field numbers and wire types from OpenTelemetry's definitions
 * (`otlp-wire-fields.ts`), straight into DecodedSpans — no generated message objects, no `Long`s, no
 * id buffers, and only the attributes the transaction mapping reads (`SPAN_ATTRIBUTE_KEYS`): every
 * other attribute is skipped unread. It yields exactly what the generated classes' full decode plus
 * `collectProtoSpans` yields (tests hold it to that) and defers to that path, by throwing
 * `DeferToFullDecode`, on anything it does not read the same way: a known field with the wrong wire
 * type, or a body it cannot read to the end.
 */
import protobuf from 'protobufjs/minimal.js';
import type { IngestReport } from '../../model/telemetry.js';
import { recordRejection } from '../../model/telemetry.js';
import { AttributeKeyTable, SlotAttributes, WireText } from './attribute-key-table.js';
import { RESOURCE_ATTRIBUTE_KEYS, resourceIdentity } from './otlp-attributes.js';
import type { AttrValue } from './otlp-schema.js';
import type { MessageFields } from './otlp-wire-fields.js';
import { SPAN_EVENT_CLASS, TRACE_FIELDS, WIRE } from './otlp-wire-fields.js';
import type { ProtoSpanEvent } from './proto-spans.js';
import { toOtlpEvent } from './proto-spans.js';
import type { LongLike } from './proto-message.js';
import { longToNumber, nanosPartsToMs } from './proto-message.js';
import type { OtlpSpan } from './otlp-schema.js';
import type { DecodedSpan } from './span-to-transaction.js';
import { SPAN_ATTRIBUTE_KEYS } from './span-to-transaction.js';

/** Thrown when the body must be read by the generated decoder instead (never escapes decodeTraces). */
export class DeferToFullDecode extends Error {}

const F = TRACE_FIELDS;
const REQ = F.request.no;
const RS = F.resourceSpans.no;
const RES = F.resource.no;
const SS = F.scopeSpans.no;
const SPAN = F.span.no;
const STATUS = F.status.no;
const KV = F.keyValue.no;
const ANY = F.anyValue.no;
const ARR = F.arrayValue.no;
const KVL = F.keyValueList.no;

const STRING_VALUE_TAG = (ANY.stringValue << 3) | WIRE.lengthDelimited;
const SPAN_KEY_TABLE = new AttributeKeyTable(SPAN_ATTRIBUTE_KEYS);
const RESOURCE_KEY_TABLE = new AttributeKeyTable(RESOURCE_ATTRIBUTE_KEYS);

/** Skips a field this reader does not use, as the generated decoder would; a known one must match. */
function skipField(r: protobuf.Reader, tag: number, fields: MessageFields<string>): void {
  const wire = fields.wire.get(tag >>> 3);
  if (wire !== undefined && wire !== (tag & 7)) throw new DeferToFullDecode(`wire type ${tag & 7} for a known field`);
  r.skipType(tag & 7);
}

/** A field this reader uses, with its definition's wire type, or defer. */
function expectWire(tag: number, wire: number): void {
  if ((tag & 7) !== wire) throw new DeferToFullDecode(`wire type ${tag & 7} for a known field`);
}

/** The AnyValue mapping of `protoAnyToJs`: oneof members by its priority, the last of each kept. */
function readAnyValue(r: protobuf.Reader, end: number): AttrValue {
  let s: string | undefined;
  let b: boolean | undefined;
  let i: LongLike | undefined;
  let d: number | undefined;
  let arr: AttrValue[] | undefined;
  let kvl: Record<string, AttrValue> | undefined;
  let bytes: Uint8Array | undefined;
  while (r.pos < end) {
    const tag = r.uint32();
    const no = tag >>> 3;
    if (no === ANY.stringValue) {
      expectWire(tag, WIRE.lengthDelimited);
      s = r.string();
    } else if (no === ANY.intValue) {
      expectWire(tag, WIRE.varint);
      i = r.int64() as LongLike;
    } else if (no === ANY.arrayValue) {
      expectWire(tag, WIRE.lengthDelimited);
      arr = readArrayValue(r, lengthEnd(r));
    } else if (no === ANY.boolValue) {
      expectWire(tag, WIRE.varint);
      b = r.bool();
    } else if (no === ANY.doubleValue) {
      expectWire(tag, WIRE.fixed64);
      d = r.double();
    } else if (no === ANY.kvlistValue) {
      expectWire(tag, WIRE.lengthDelimited);
      kvl = readKeyValueList(r, lengthEnd(r));
    } else if (no === ANY.bytesValue) {
      expectWire(tag, WIRE.lengthDelimited);
      bytes = r.bytes();
    } else skipField(r, tag, F.anyValue);
  }
  endsAt(r, end);
  if (s !== undefined) return s;
  if (i !== undefined) return longToNumber(i);
  if (d !== undefined) return d;
  if (b !== undefined) return b;
  if (arr !== undefined) return arr;
  if (kvl !== undefined) return kvl;
  if (bytes !== undefined) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  return null;
}

/**
 * A message read field by field must end exactly where its length said: the generated decoder reads
 * a field that runs past the end as if it were not there, and resumes from wherever it stopped.
 */
function endsAt(r: protobuf.Reader, end: number): void {
  if (r.pos !== end) throw new DeferToFullDecode('a field runs past the end of its message');
}

/** Where a length-delimited field that starts at the reader's position ends. */
function lengthEnd(r: protobuf.Reader): number {
  const len = r.uint32();
  return r.pos + len;
}

function readArrayValue(r: protobuf.Reader, end: number): AttrValue[] {
  const out: AttrValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 === ARR.values) {
      expectWire(tag, WIRE.lengthDelimited);
      out.push(readAnyValue(r, lengthEnd(r)));
    } else skipField(r, tag, F.arrayValue);
  }
  endsAt(r, end);
  return out;
}

function readKeyValueList(r: protobuf.Reader, end: number): Record<string, AttrValue> {
  const out: Record<string, AttrValue> = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 === KVL.values) {
      expectWire(tag, WIRE.lengthDelimited);
      const kvEnd = lengthEnd(r);
      let key: string | null = null;
      let value: AttrValue = null;
      while (r.pos < kvEnd) {
        const t = r.uint32();
        if (t >>> 3 === KV.key) {
          expectWire(t, WIRE.lengthDelimited);
          key = r.string();
        } else if (t >>> 3 === KV.value) {
          expectWire(t, WIRE.lengthDelimited);
          value = readAnyValue(r, lengthEnd(r));
        } else skipField(r, t, F.keyValue);
      }
      endsAt(r, kvEnd);
      out[key ?? ''] = value;
    } else skipField(r, tag, F.keyValueList);
  }
  endsAt(r, end);
  return out;
}

/**
 * One KeyValue into `into` if its key is in the table, else skipped unread. Key and value may come
 * in either order (and repeated, the last one counting), so both are located first and the value is
 * read only once its key is known to be wanted.
 */
function readWantedAttribute(r: protobuf.Reader, ctx: ReadContext, end: number, into: SlotAttributes): void {
  // Slot of the last key seen (-1: none yet, or not wanted: an absent key is '', never wanted).
  let slot = -1;
  let valueStart = -1;
  let valueEnd = -1;
  let value: AttrValue | WireText = null;
  // Whether `value` is the last value, read at once because the key before it was wanted.
  let valueRead = false;
  while (r.pos < end) {
    const tag = r.uint32();
    const no = tag >>> 3;
    if (no === KV.key) {
      expectWire(tag, WIRE.lengthDelimited);
      const len = r.uint32();
      slot = into.table.match(ctx.buf, ctx.view, r.pos, len);
      r.skip(len);
    } else if (no === KV.value) {
      expectWire(tag, WIRE.lengthDelimited);
      valueEnd = lengthEnd(r);
      valueStart = r.pos;
      valueRead = slot >= 0;
      if (valueRead) value = readKeptValue(r, valueEnd);
      else r.skip(valueEnd - valueStart);
    } else skipField(r, tag, F.keyValue);
  }
  endsAt(r, end);
  if (slot < 0) return;
  if (valueStart >= 0 && !valueRead) {
    const after = r.pos;
    r.pos = valueStart;
    value = readKeptValue(r, valueEnd);
    r.pos = after;
  }
  into.slots[slot] = valueStart < 0 ? null : value;
}

/**
 * A kept attribute's value. The usual one, an AnyValue holding only a string, is left in the body
 * (`WireText`) and decoded if the mapping reads it; anything else is read now (checked whole).
 */
function readKeptValue(r: protobuf.Reader, end: number): AttrValue | WireText {
  const start = r.pos;
  if (start < end) {
    const tag = r.uint32();
    if (tag === STRING_VALUE_TAG) {
      const len = r.uint32();
      if (r.pos + len === end) {
        r.skip(len);
        return new WireText(end - len, end);
      }
    }
    r.pos = start;
  }
  return readAnyValue(r, end);
}

/** Hex of `len` bytes at `start` of the body; '' for none. */
function hexAt(buf: Buffer, start: number, len: number): string {
  return len <= 0 ? '' : buf.toString('hex', start, start + len);
}

/** The body being read, and the last trace id made hex: a trace's spans mostly come together. */
interface ReadContext {
  buf: Buffer;
  /** The body's bytes for reading 32-bit words (attribute keys are compared a word at a time). */
  view: DataView;
  lastTraceStart: number;
  lastTraceHex: string;
}

function traceIdHex(ctx: ReadContext, start: number): string {
  const { buf, lastTraceStart } = ctx;
  if (lastTraceStart >= 0) {
    let j = 15;
    while (j >= 0 && buf[start + j] === buf[lastTraceStart + j]) j--;
    if (j < 0) return ctx.lastTraceHex;
  }
  ctx.lastTraceStart = start;
  ctx.lastTraceHex = buf.toString('hex', start, start + 16);
  return ctx.lastTraceHex;
}

/**
 * A span as read off the wire. Its name and its own id stay in the body until read: the mapping
 * seldom needs a name, and a child span's id only when another span names it as its parent (its
 * parent is usually found first, scanning the trace from the transaction span backwards).
 */
class WireSpan implements OtlpSpan {
  readonly attributes: OtlpSpan['attributes'] = [];
  private nameText: string | undefined;
  private spanIdText: string | undefined;

  constructor(
    readonly traceId: string,
    private readonly spanIdStart: number,
    readonly parentSpanId: string | undefined,
    readonly kind: number,
    readonly startTimeUnixNano: number,
    readonly endTimeUnixNano: number,
    readonly events: OtlpSpan['events'],
    readonly status: OtlpSpan['status'],
    private body: Buffer | undefined,
    private readonly nameStart: number,
    private readonly nameEnd: number,
  ) {}

  get name(): string {
    this.nameText ??= this.nameStart < 0 ? '' : this.body!.toString('utf8', this.nameStart, this.nameEnd);
    return this.nameText;
  }

  get spanId(): string {
    this.spanIdText ??= this.body!.toString('hex', this.spanIdStart, this.spanIdStart + 8);
    return this.spanIdText;
  }

  detach(): void {
    void this.name;
    void this.spanId;
    this.body = undefined;
  }
}

/**
 * Lets go of the request body a span read by this reader still points into (its name, kept string
 * values): for spans held past the request, such as child spans waiting for their server span.
 */
export function detachFromBody(d: DecodedSpan): void {
  if (d.span instanceof WireSpan) d.span.detach();
  if (d.attrs instanceof SlotAttributes) d.attrs.detach();
}

/** One span read into a DecodedSpan, or the reason it cannot be used (the rules of `spanProblem`). */
function readSpan(r: protobuf.Reader, ctx: ReadContext, end: number): DecodedSpan | string {
  const buf = ctx.buf;
  let traceStart = -1;
  let traceLen = -1;
  let spanStart = -1;
  let spanLen = -1;
  let parentStart = -1;
  let parentLen = -1;
  let nameStart = -1;
  let nameEnd = -1;
  let kind: number | null = null;
  let startLow = 0;
  let startHigh = 0;
  let hasStart = false;
  let endLow = 0;
  let endHigh = 0;
  let statusCode: number | null = null;
  let statusMessage: string | null = null;
  let events: ProtoSpanEvent[] | null = null;
  const attrs = new SlotAttributes(SPAN_KEY_TABLE, buf);
  while (r.pos < end) {
    const tag = r.uint32();
    const no = tag >>> 3;
    if (no === SPAN.attributes) {
      expectWire(tag, WIRE.lengthDelimited);
      readWantedAttribute(r, ctx, lengthEnd(r), attrs);
    } else if (no === SPAN.traceId) {
      expectWire(tag, WIRE.lengthDelimited);
      traceLen = r.uint32();
      traceStart = r.pos;
      r.skip(traceLen);
    } else if (no === SPAN.spanId) {
      expectWire(tag, WIRE.lengthDelimited);
      spanLen = r.uint32();
      spanStart = r.pos;
      r.skip(spanLen);
    } else if (no === SPAN.parentSpanId) {
      expectWire(tag, WIRE.lengthDelimited);
      parentLen = r.uint32();
      parentStart = r.pos;
      r.skip(parentLen);
    } else if (no === SPAN.name) {
      expectWire(tag, WIRE.lengthDelimited);
      const len = r.uint32();
      nameStart = r.pos;
      r.skip(len);
      nameEnd = r.pos;
    } else if (no === SPAN.kind) {
      expectWire(tag, WIRE.varint);
      kind = r.int32();
    } else if (no === SPAN.startTimeUnixNano) {
      expectWire(tag, WIRE.fixed64);
      startLow = r.fixed32();
      startHigh = r.fixed32();
      hasStart = true;
    } else if (no === SPAN.endTimeUnixNano) {
      expectWire(tag, WIRE.fixed64);
      endLow = r.fixed32();
      endHigh = r.fixed32();
    } else if (no === SPAN.status) {
      expectWire(tag, WIRE.lengthDelimited);
      // A repeated status replaces the earlier one whole, as in the generated decoder.
      statusCode = null;
      statusMessage = null;
      const sEnd = lengthEnd(r);
      while (r.pos < sEnd) {
        const t = r.uint32();
        if (t >>> 3 === STATUS.code) {
          expectWire(t, WIRE.varint);
          statusCode = r.int32();
        } else if (t >>> 3 === STATUS.message) {
          expectWire(t, WIRE.lengthDelimited);
          statusMessage = r.string();
        } else skipField(r, t, F.status);
      }
      endsAt(r, sEnd);
    } else if (no === SPAN.events) {
      expectWire(tag, WIRE.lengthDelimited);
      (events ??= []).push(SPAN_EVENT_CLASS.decode(r, r.uint32()) as ProtoSpanEvent);
    } else skipField(r, tag, F.span);
  }
  endsAt(r, end);
  if (traceLen !== 16) return 'traceId: not a 16-byte id';
  if (spanLen !== 8) return 'spanId: not an 8-byte id';
  if (parentLen > 0 && parentLen !== 8) return 'parentSpanId: not an 8-byte id';
  if (!hasStart) return 'startTimeUnixNano: Required';
  const parent = hexAt(buf, parentStart, parentLen);
  return {
    span: new WireSpan(
      traceIdHex(ctx, traceStart),
      spanStart,
      parent === '' ? undefined : parent,
      kind ?? 0,
      nanosPartsToMs(startLow, startHigh),
      nanosPartsToMs(endLow, endHigh),
      events === null ? [] : events.map(toOtlpEvent),
      { code: statusCode ?? 0, message: statusMessage ?? undefined },
      buf,
      nameStart,
      nameEnd,
    ),
    attrs,
    // Set once the enclosing ResourceSpans is read to its end (its resource may come last).
    resource: { instance: '', service: '' },
  };
}

/**
 * Adds every well-formed span of a protobuf trace export request to `byTrace` and counts the rest
 * in `report`, exactly as `collectProtoSpans` does with the generated full decode.
 * @throws DeferToFullDecode, or protobufjs' range errors on a truncated body.
 */
export function readProtoTraceRequest(
  body: Uint8Array,
  fallbackInstance: string,
  report: IngestReport,
  byTrace: Map<string, DecodedSpan[]>,
): void {
  const buf = Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const r = protobuf.Reader.create(buf);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const ctx: ReadContext = { buf, view, lastTraceStart: -1, lastTraceHex: '' };
  let at = 0;
  const end = r.len;
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 !== REQ.resourceSpans) {
      skipField(r, tag, F.request);
      continue;
    }
    expectWire(tag, WIRE.lengthDelimited);
    const rsEnd = lengthEnd(r);
    let resourceAttrs = new SlotAttributes(RESOURCE_KEY_TABLE, buf);
    const spans: DecodedSpan[] = [];
    while (r.pos < rsEnd) {
      const t = r.uint32();
      const no = t >>> 3;
      if (no === RS.resource) {
        expectWire(t, WIRE.lengthDelimited);
        // A repeated resource replaces the earlier one whole, as in the generated decoder.
        resourceAttrs = new SlotAttributes(RESOURCE_KEY_TABLE, buf);
        const resEnd = lengthEnd(r);
        while (r.pos < resEnd) {
          const rt = r.uint32();
          if (rt >>> 3 === RES.attributes) {
            expectWire(rt, WIRE.lengthDelimited);
            readWantedAttribute(r, ctx, lengthEnd(r), resourceAttrs);
          } else skipField(r, rt, F.resource);
        }
        endsAt(r, resEnd);
      } else if (no === RS.scopeSpans) {
        expectWire(t, WIRE.lengthDelimited);
        const ssEnd = lengthEnd(r);
        while (r.pos < ssEnd) {
          const st = r.uint32();
          if (st >>> 3 !== SS.spans) {
            skipField(r, st, F.scopeSpans);
            continue;
          }
          expectWire(st, WIRE.lengthDelimited);
          at++;
          const d = readSpan(r, ctx, lengthEnd(r));
          if (typeof d === 'string') {
            recordRejection(report, at, `span: ${d}`);
            continue;
          }
          report.accepted++;
          spans.push(d);
          const list = byTrace.get(d.span.traceId);
          if (list) list.push(d);
          else byTrace.set(d.span.traceId, [d]);
        }
        endsAt(r, ssEnd);
      } else skipField(r, t, F.resourceSpans);
    }
    endsAt(r, rsEnd);
    const identity = resourceIdentity(resourceAttrs, fallbackInstance);
    for (const d of spans) d.resource = identity;
  }
  endsAt(r, end);
}
