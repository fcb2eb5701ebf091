/**
 * Reading OTLP protobuf messages as decoded by the generated protobufjs classes, without the
 * `toObject` → JSON-shape → zod round trip (which cost ~0.6 ms per span). The generated messages
 * leave absent fields `null` (prototype defaults), ids as byte buffers and 64-bit integers as `Long`;
 * these helpers turn them into what the decoders use, exactly as the JSON path would.
 */
import type { AnyValue, AttrValue, KeyValue } from './otlp-schema.js';
import type { Attributes } from './otlp-attributes.js';

/** protobufjs `Long` (or a plain number when no Long implementation is loaded). */
export interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}

export interface ProtoAnyValue {
  stringValue?: string | null;
  boolValue?: boolean | null;
  intValue?: LongLike | number | null;
  doubleValue?: number | null;
  arrayValue?: { values?: ProtoAnyValue[] | null } | null;
  kvlistValue?: { values?: ProtoKeyValue[] | null } | null;
  bytesValue?: Uint8Array | null;
}

export interface ProtoKeyValue {
  key?: string | null;
  value?: ProtoAnyValue | null;
}

const TWO_32 = 4_294_967_296;

/** A signed or unsigned 64-bit integer as a Number (exact below 2^53, as the JSON path's `Number()`). */
export function longToNumber(v: LongLike | number): number {
  if (typeof v === 'number') return v;
  return v.unsigned ? (v.high >>> 0) * TWO_32 + (v.low >>> 0) : (v.high | 0) * TWO_32 + (v.low >>> 0);
}

/**
 * Unsigned epoch nanoseconds → epoch milliseconds with the sub-ms part exact (a double of the whole
 * nanosecond count is only good to ~256 ns, which shows in durations): nanos = high·2^32 + low and
 * 2^32 = 4294·10^6 + 967296, so the millisecond split needs no BigInt. Null/0 → 0 (absent).
 */
export function nanosLongToMs(v: LongLike | number | null | undefined): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return Math.floor(v / 1e6) + (v % 1e6) / 1e6;
  return nanosPartsToMs(v.low, v.high);
}

/** `nanosLongToMs` of the two 32-bit halves of a fixed64 (as read off the wire: low word first). */
export function nanosPartsToMs(low: number, high: number): number {
  const h = high >>> 0;
  const t = h * 967_296 + (low >>> 0);
  const q = Math.floor(t / 1e6);
  return h * 4294 + q + (t - q * 1e6) / 1e6;
}

/** A trace or span id as lowercase hex; '' for an absent or empty id. */
export function idHex(bytes: Uint8Array | null | undefined): string {
  if (bytes === null || bytes === undefined || bytes.length === 0) return '';
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

function bytesBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Same mapping as `anyValueToJs` on the JSON shape (bytes as base64, as the JSON mapping has them). */
export function protoAnyToJs(v: ProtoAnyValue | null | undefined): AttrValue {
  if (v === null || v === undefined) return null;
  if (v.stringValue !== null && v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== null && v.intValue !== undefined) return longToNumber(v.intValue);
  if (v.doubleValue !== null && v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== null && v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue !== null && v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(protoAnyToJs);
  if (v.kvlistValue !== null && v.kvlistValue !== undefined) {
    const out: Record<string, AttrValue> = {};
    for (const kv of v.kvlistValue.values ?? []) out[kv.key ?? ''] = protoAnyToJs(kv.value);
    return out;
  }
  if (v.bytesValue !== null && v.bytesValue !== undefined) return bytesBase64(v.bytesValue);
  return null;
}

export function protoAttributeMap(list: readonly ProtoKeyValue[] | null | undefined): Attributes {
  const m: Attributes = new Map();
  if (list) for (const kv of list) m.set(kv.key ?? '', protoAnyToJs(kv.value));
  return m;
}

/** The OTLP/JSON shape of an AnyValue (for the few places that keep attribute lists, e.g. events). */
export function protoAnyToJson(v: ProtoAnyValue | null | undefined): AnyValue | undefined {
  if (v === null || v === undefined) return undefined;
  if (v.stringValue !== null && v.stringValue !== undefined) return { stringValue: v.stringValue };
  if (v.intValue !== null && v.intValue !== undefined) return { intValue: longToNumber(v.intValue) };
  if (v.doubleValue !== null && v.doubleValue !== undefined) return { doubleValue: v.doubleValue };
  if (v.boolValue !== null && v.boolValue !== undefined) return { boolValue: v.boolValue };
  if (v.arrayValue !== null && v.arrayValue !== undefined)
    return { arrayValue: { values: (v.arrayValue.values ?? []).map((x) => protoAnyToJson(x) ?? {}) } };
  if (v.kvlistValue !== null && v.kvlistValue !== undefined)
    return { kvlistValue: { values: protoKeyValues(v.kvlistValue.values) } };
  if (v.bytesValue !== null && v.bytesValue !== undefined) return { bytesValue: bytesBase64(v.bytesValue) };
  return {};
}

export function protoKeyValues(list: readonly ProtoKeyValue[] | null | undefined): KeyValue[] {
  return (list ?? []).map((kv) => ({ key: kv.key ?? '', value: protoAnyToJson(kv.value) }));
}
