/**
 * OTLP attribute lists (`[{key, value: AnyValue}]`) as a plain lookup, and the resource-level
 * identity every decoded record carries: instance (`service.instance.id`, else `host.name`, else
 * `service.name`) and service.
 */
import type { AnyValue, AttrValue, KeyValue } from './otlp-schema.js';

export type Attributes = Map<string, AttrValue>;

/** What reading attributes needs: a Map, or the fast protobuf reader's slot table. */
export interface AttributeLookup {
  get(key: string): AttrValue | undefined;
}

export function anyValueToJs(v: AnyValue | undefined): AttrValue {
  if (v === undefined) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return Number(v.doubleValue);
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue !== undefined) return (v.arrayValue.values ?? []).map(anyValueToJs);
  if (v.kvlistValue !== undefined) {
    const out: Record<string, AttrValue> = {};
    for (const kv of v.kvlistValue.values ?? []) out[kv.key] = anyValueToJs(kv.value);
    return out;
  }
  if (v.bytesValue !== undefined) return v.bytesValue;
  return null;
}

export function attributeMap(list: KeyValue[]): Attributes {
  const m: Attributes = new Map();
  for (const kv of list) m.set(kv.key, anyValueToJs(kv.value));
  return m;
}

/** First of `keys` holding a non-empty string (arrays of strings, as header attributes are, joined). */
export function str(attrs: AttributeLookup, ...keys: string[]): string | undefined {
  return firstStr(attrs, keys);
}

/** `str` with the keys as one list (no rest array per call on hot paths). */
export function firstStr(attrs: AttributeLookup, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = attrs.get(k);
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v) && v.length > 0) {
      // One element is the usual case (a header sent once): the same text without the join.
      return v.length === 1 ? String(v[0]) : v.map((x) => String(x)).join(',');
    }
  }
  return undefined;
}

/** First of `keys` holding a finite number (numeric strings accepted: some agents send them). */
export function num(attrs: AttributeLookup, ...keys: string[]): number | undefined {
  return firstNum(attrs, keys);
}

/** `num` with the keys as one list. */
export function firstNum(attrs: AttributeLookup, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = attrs.get(k);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

export interface ResourceIdentity {
  instance: string;
  service: string;
}

/** The resource attributes `resourceIdentity` reads (the fast protobuf reader keeps only these). */
export const RESOURCE_ATTRIBUTE_KEYS: ReadonlySet<string> = new Set([
  'service.name',
  'service.instance.id',
  'host.name',
]);

export function resourceIdentity(attrs: AttributeLookup, fallbackInstance: string): ResourceIdentity {
  const service = str(attrs, 'service.name');
  const instance = str(attrs, 'service.instance.id', 'host.name') ?? service ?? fallbackInstance;
  return { instance, service: service ?? instance };
}
