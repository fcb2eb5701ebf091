/**
 * The fast protobuf trace reader is held to the generated classes' full decode: the same
 * transactions and report on the shared OTLP fixtures, on the benchmark's SDK traffic, on random
 * requests with every attribute key the mapping reads in every value type (and fields in unusual
 * order), and on truncated and corrupted bodies (where both fail alike, or agree).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { makeOtlpTraffic } from '../../bench/otlp-span-traffic.js';
import { seededRandom } from '../../collector/testing/synthetic-traffic.js';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { emptyIngestReport } from '../../model/telemetry.js';
import { decodeTracesWith } from './decode-traces.js';
import type { DecodeTracesOptions } from './decode-traces.js';
import { RESOURCE_ATTRIBUTE_KEYS } from './otlp-attributes.js';
import { exportRequestClass } from './otlp-payload.js';
import { encodeOtlpProtobuf } from './otlp-test-encoding.js';
import { TRACE_FIELDS, WIRE, generatedClass } from './otlp-wire-fields.js';
import { PendingChildSpans } from './pending-child-spans.js';
import { DeferToFullDecode, readProtoTraceRequest } from './proto-trace-reader.js';
import { SPAN_ATTRIBUTE_KEYS } from './span-to-transaction.js';

const DATA = path.resolve(fileURLToPath(new URL('../../../../../', import.meta.url)), '../shared/data/otlp_json');
const haveData = existsSync(DATA);
if (!haveData) console.warn(`OTLP fixture comparison skipped: ${DATA} is absent`);

const OPTIONS: DecodeTracesOptions = { visitorCookie: 'vid', trustedProxies: ['10.0.0.0/8'] };

type Outcome = ReturnType<typeof decodeTracesWith> | { error: string };

function outcome(reader: 'fast' | 'generated', body: Uint8Array, options: DecodeTracesOptions = OPTIONS): Outcome {
  try {
    return decodeTracesWith(reader, body, 'protobuf', options);
  } catch (err) {
    return { error: err instanceof PromptOpsError ? err.code : `unexpected: ${String(err)}` };
  }
}

/** True when the fast reader reads the body itself (does not defer to the full decode). */
function readsItself(body: Uint8Array): boolean {
  try {
    readProtoTraceRequest(body, 'unknown', emptyIngestReport(), new Map());
    return true;
  } catch (err) {
    if (err instanceof DeferToFullDecode) return false;
    throw err;
  }
}

describe('field numbers from the OpenTelemetry definitions', () => {
  it('match what the generated decoder reads for every field the reader uses', () => {
    // Encode one span with every used field set, through the generated encoder, and read each
    // field's tag back in order: the numbers and wire types the reader uses must be those.
    const Span = generatedClass('opentelemetry.proto.trace.v1.Span');
    const bytes = Span.encode({
      traceId: new Uint8Array(16).fill(1),
      spanId: new Uint8Array(8).fill(2),
      parentSpanId: new Uint8Array(8).fill(3),
      name: 'n',
      kind: 2,
      startTimeUnixNano: 5,
      endTimeUnixNano: 6,
      attributes: [{ key: 'k', value: { stringValue: 'v' } }],
      events: [{ name: 'e' }],
      status: { code: 2, message: 'm' },
    }).finish();
    const seen = new Map<number, number>();
    const r = protobuf.Reader.create(bytes);
    while (r.pos < r.len) {
      const tag = r.uint32();
      seen.set(tag >>> 3, tag & 7);
      r.skipType(tag & 7);
    }
    const used = Object.values(TRACE_FIELDS.span.no);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([...used].sort((a, b) => a - b));
    for (const no of used) expect(TRACE_FIELDS.span.wire.get(no)).toBe(seen.get(no));
    expect(TRACE_FIELDS.span.wire.get(TRACE_FIELDS.span.no.startTimeUnixNano)).toBe(WIRE.fixed64);
  });

  it('fails loudly for a message or field the definitions do not have', () => {
    expect(() => generatedClass('opentelemetry.proto.trace.v1.NoSuchMessage')).toThrow(/no generated message class/);
  });
});

describe.skipIf(!haveData)('fast reader vs full decode on the shared OTLP fixtures', () => {
  const files = haveData
    ? [
        path.join(DATA, 'opentelemetry-proto_examples/trace.json'),
        path.join(DATA, 'jaeger_fixtures/otlp2jaeger-in.json'),
        ...readdirSync(path.join(DATA, 'jaeger_fixtures/traces')).map((f) =>
          path.join(DATA, 'jaeger_fixtures/traces', f),
        ),
      ]
    : [];
  it.each(files.map((f) => [path.relative(DATA, f), f]))('%s', (_, file) => {
    const body = encodeOtlpProtobuf('traces', JSON.parse(readFileSync(file, 'utf8')));
    expect(readsItself(body)).toBe(true);
    const fast = outcome('fast', body);
    expect(fast).toEqual(outcome('generated', body));
    expect('transactions' in fast && fast.transactions.length).toBeGreaterThan(0);
  });
});

describe('fast reader vs full decode on SDK traffic', () => {
  it('reads the benchmark traffic itself and agrees with the full decode', () => {
    const traffic = makeOtlpTraffic({
      requests: 4,
      spansPerRequest: 60,
      instances: 3,
      users: 50,
      t0: 1.7e12,
      stepMs: 1,
    });
    for (const body of traffic.bodies) {
      expect(readsItself(body)).toBe(true);
      const fast = outcome('fast', body);
      expect(fast).toEqual(outcome('generated', body));
      expect('transactions' in fast && fast.transactions.length).toBe(20);
    }
  });
});

// ---- random requests -------------------------------------------------------------------------

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const bytesOf = (rand: Rand, n: number): Uint8Array => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));

const KEYS = [
  ...SPAN_ATTRIBUTE_KEYS,
  ...RESOURCE_ATTRIBUTE_KEYS,
  'url.scheme',
  'server.port',
  'other.key',
  '',
  'é.ключ',
];
const STRINGS = [
  'GET',
  '/orders/42?x=1',
  'http://shop/a/b?c=d',
  '10.1.2.3',
  '198.51.100.7, 10.0.0.1',
  'JSESSIONID=abc; vid=v1',
  "SELECT * FROM t WHERE id = 7 AND name = 'kim'",
  '',
  '  ',
  '12',
  '한국어',
  'shop-1',
];

function randomAnyValue(rand: Rand, depth = 0): Record<string, unknown> {
  switch (Math.floor(rand() * (depth > 1 ? 6 : 9))) {
    case 0:
    case 1:
      return { stringValue: pick(rand, STRINGS) };
    case 2:
      return { intValue: pick(rand, [0, 200, 404, 500, -3, 1234, '9007199254740993', '-9223372036854775808']) };
    case 3:
      return { doubleValue: pick(rand, [0.5, 200, Number.NaN, -1e300]) };
    case 4:
      return { boolValue: rand() < 0.5 };
    case 5:
      return {};
    case 6:
      return {
        arrayValue: { values: Array.from({ length: Math.floor(rand() * 3) }, () => randomAnyValue(rand, depth + 1)) },
      };
    case 7:
      return {
        kvlistValue: {
          values: Array.from({ length: Math.floor(rand() * 3) }, () => ({
            key: pick(rand, KEYS),
            value: randomAnyValue(rand, depth + 1),
          })),
        },
      };
    default:
      return { bytesValue: bytesOf(rand, 3) };
  }
}

function randomAttributes(rand: Rand, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, () => {
    const kv: Record<string, unknown> = { key: pick(rand, KEYS) };
    if (rand() < 0.95) kv.value = randomAnyValue(rand);
    return kv;
  });
}

function randomSpan(rand: Rand, traceIds: Uint8Array[], spanIds: Uint8Array[]): Record<string, unknown> {
  const span: Record<string, unknown> = {
    traceId: rand() < 0.97 ? pick(rand, traceIds) : bytesOf(rand, pick(rand, [0, 8, 15])),
    spanId: rand() < 0.97 ? bytesOf(rand, 8) : bytesOf(rand, pick(rand, [0, 4, 16])),
    kind: pick(rand, [0, 1, 2, 2, 3, 3, 4, 5]),
    attributes: randomAttributes(rand, Math.floor(rand() * 14)),
  };
  spanIds.push(span.spanId as Uint8Array);
  if (rand() < 0.6 && spanIds.length > 1) span.parentSpanId = pick(rand, spanIds);
  else if (rand() < 0.05) span.parentSpanId = bytesOf(rand, 5);
  if (rand() < 0.9) span.name = pick(rand, ['GET /orders/:id', 'SELECT shop', '', 'span']);
  if (rand() < 0.97)
    span.startTimeUnixNano = pick(rand, [1_700_000_000_123_456_789n.toString(), '0', '18446744073709551615']);
  if (rand() < 0.9) span.endTimeUnixNano = pick(rand, [1_700_000_000_223_456_789n.toString(), '5']);
  if (rand() < 0.3) span.status = { code: pick(rand, [0, 1, 2]), ...(rand() < 0.5 ? { message: 'boom' } : {}) };
  if (rand() < 0.2) {
    span.events = [
      {
        name: pick(rand, ['exception', 'log']),
        timeUnixNano: '1700000000150000000',
        attributes: [
          { key: 'exception.type', value: { stringValue: 'java.lang.OutOfMemoryError' } },
          { key: 'exception.message', value: randomAnyValue(rand) },
        ],
      },
    ];
  }
  if (rand() < 0.2) span.traceState = 'a=b';
  if (rand() < 0.2) span.droppedAttributesCount = 3;
  if (rand() < 0.1) span.links = [{ traceId: bytesOf(rand, 16), spanId: bytesOf(rand, 8) }];
  return span;
}

function randomRequest(rand: Rand): Record<string, unknown> {
  const traceIds = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => bytesOf(rand, 16));
  const spanIds: Uint8Array[] = [];
  return {
    resourceSpans: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
      ...(rand() < 0.8 ? { resource: { attributes: randomAttributes(rand, Math.floor(rand() * 5)) } } : {}),
      scopeSpans: Array.from({ length: 1 + Math.floor(rand() * 2) }, () => ({
        scope: { name: 'io.opentelemetry.tomcat' },
        spans: Array.from({ length: Math.floor(rand() * 8) }, () => randomSpan(rand, traceIds, spanIds)),
      })),
      schemaUrl: 'https://opentelemetry.io/schemas/1.24.0',
    })),
  };
}

const Request = exportRequestClass('traces');

describe('fast reader vs full decode on random requests', () => {
  it('agrees on 300 random requests with every key and value type the mapping reads', () => {
    const rand = seededRandom(42);
    let transactions = 0;
    for (let i = 0; i < 300; i++) {
      const body = Request.encode(randomRequest(rand)).finish();
      expect(readsItself(body)).toBe(true);
      const fast = outcome('fast', body);
      expect(fast).toEqual(outcome('generated', body));
      if ('transactions' in fast) transactions += fast.transactions.length;
    }
    expect(transactions).toBeGreaterThan(300);
  });

  it('agrees with a pending-child-span area across requests', () => {
    const rand = seededRandom(7);
    const fastPending = new PendingChildSpans();
    const fullPending = new PendingChildSpans();
    for (let i = 0; i < 50; i++) {
      const body = Request.encode(randomRequest(rand)).finish();
      expect(outcome('fast', body, { ...OPTIONS, pending: fastPending })).toEqual(
        outcome('generated', body, { ...OPTIONS, pending: fullPending }),
      );
      expect(fastPending.pending).toBe(fullPending.pending);
    }
  });
});

describe('spans held past their request', () => {
  it('child spans waiting in PendingChildSpans do not depend on the request body any more', () => {
    const traffic = makeOtlpTraffic({
      requests: 1,
      spansPerRequest: 30,
      instances: 1,
      users: 10,
      t0: 1.7e12,
      stepMs: 1,
    });
    const full = outcome('generated', traffic.bodies[0]);
    // Split the one request into its child spans first, then its server spans, as batch processors do.
    const decoded = exportRequestClass('traces').toObject(exportRequestClass('traces').decode(traffic.bodies[0]), {
      longs: String,
      bytes: Array,
    }) as { resourceSpans: { scopeSpans: { spans: { kind: number }[] }[] }[] };
    const only = (server: boolean): Uint8Array => {
      const copy = structuredClone(decoded);
      for (const rs of copy.resourceSpans)
        for (const ss of rs.scopeSpans) ss.spans = ss.spans.filter((sp) => (sp.kind === 2) === server);
      const cls = exportRequestClass('traces');
      return cls.encode(cls.fromObject(copy)).finish();
    };
    const pending = new PendingChildSpans();
    const children = Buffer.from(only(false));
    expect(decodeTracesWith('fast', children, 'protobuf', { ...OPTIONS, pending }).transactions).toHaveLength(0);
    expect(pending.pending).toBe(20);
    children.fill(0); // the HTTP layer's buffer is reused or freed once the request is answered
    const second = decodeTracesWith('fast', only(true), 'protobuf', { ...OPTIONS, pending });
    expect(pending.pending).toBe(0);
    expect('transactions' in full && second.transactions).toEqual('transactions' in full && full.transactions);
  });

  it('a waiting span keeps its own id for a later span that names it as parent', () => {
    // A parentless CLIENT span is no transaction and names no parent, so nothing asks for its id
    // before it waits (the reader leaves ids in the body until asked); its child, in the next export,
    // asks after that body is gone. Then the server span both belong to arrives.
    const T = '0af7651916cd43dd8448eb211c80319c';
    const span = (spanId: string, parentSpanId: string | undefined, kind: number, attrs: Record<string, string>) => ({
      traceId: T,
      spanId,
      parentSpanId,
      kind,
      name: 'n',
      startTimeUnixNano: '1700000000000000000',
      endTimeUnixNano: '1700000000004000000',
      attributes: Object.entries(attrs).map(([key, v]) => ({ key, value: { stringValue: v } })),
    });
    const body = (spans: unknown[]): Buffer =>
      Buffer.from(
        encodeOtlpProtobuf('traces', {
          resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans }] }],
        }),
      );
    const exports = [
      [span('00000000000000c1', undefined, 3, {})],
      [span('00000000000000c2', '00000000000000c1', 3, { 'db.system.name': 'postgresql' })],
    ];
    const results = (['fast', 'generated'] as const).map((reader) => {
      const pending = new PendingChildSpans();
      const report = exports.map((spans) => {
        const bytes = body(spans);
        const out = decodeTracesWith(reader, bytes, 'protobuf', { ...OPTIONS, pending });
        bytes.fill(0); // the HTTP layer's buffer is reused or freed once the request is answered
        return out;
      });
      expect(pending.pending).toBe(2);
      return report;
    });
    expect(results[0]).toEqual(results[1]);
  });
});

/** A length-delimited field `no` holding `bytes`. */
function field(no: number, bytes: Uint8Array): Uint8Array {
  return protobuf.Writer.create()
    .uint32((no << 3) | WIRE.lengthDelimited)
    .bytes(bytes)
    .finish();
}
const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

describe('fields in an order encoders do not use', () => {
  const KeyValue = generatedClass('opentelemetry.proto.common.v1.KeyValue');
  const Span = generatedClass('opentelemetry.proto.trace.v1.Span');
  const Resource = generatedClass('opentelemetry.proto.resource.v1.Resource');
  const span = {
    traceId: new Uint8Array(16).fill(0xab),
    spanId: new Uint8Array(8).fill(0xcd),
    kind: 2,
    name: 'GET /x',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: '1700000000005000000',
  };
  const F = TRACE_FIELDS;

  function request(spanBytes: Uint8Array, resourceFirst: boolean): Uint8Array {
    const resource = field(
      F.resourceSpans.no.resource,
      Resource.encode({ attributes: [{ key: 'service.name', value: { stringValue: 'late-svc' } }] }).finish(),
    );
    const scope = field(F.resourceSpans.no.scopeSpans, field(F.scopeSpans.no.spans, spanBytes));
    return field(F.request.no.resourceSpans, resourceFirst ? concat(resource, scope) : concat(scope, resource));
  }

  it('value before key, repeated keys and values, and a resource after its spans', () => {
    const valueFirst = concat(
      KeyValue.encode({ value: { stringValue: 'kim' } }).finish(),
      KeyValue.encode({ key: 'enduser.id' }).finish(),
    );
    // Key changes after an unwanted key's value: the last key and the last value count.
    const rekeyed = concat(
      KeyValue.encode({ key: 'url.scheme', value: { stringValue: '/late/path' } }).finish(),
      KeyValue.encode({ key: 'url.path' }).finish(),
    );
    const twice = concat(
      KeyValue.encode({ key: 'http.route', value: { stringValue: '/first' } }).finish(),
      KeyValue.encode({ value: { intValue: 7 } }).finish(),
    );
    const spanBytes = concat(
      field(F.span.no.attributes, valueFirst),
      Span.encode(span).finish(),
      field(F.span.no.attributes, rekeyed),
      field(F.span.no.attributes, twice),
    );
    for (const resourceFirst of [true, false]) {
      const body = request(spanBytes, resourceFirst);
      expect(readsItself(body)).toBe(true);
      const fast = outcome('fast', body);
      expect(fast).toEqual(outcome('generated', body));
      expect(fast).toMatchObject({
        transactions: [{ userId: 'kim', url: '/late/path', route: '7', service: 'late-svc' }],
      });
    }
  });

  it('defers to the full decode when a field it reads has the wrong wire type', () => {
    // traceId (bytes) sent as a varint: the generated decoder's reading wins, whatever it makes of it.
    const bad = concat(
      protobuf.Writer.create()
        .uint32((F.span.no.traceId << 3) | WIRE.varint)
        .uint32(5)
        .finish(),
      Span.encode(span).finish(),
    );
    const body = request(bad, true);
    expect(readsItself(body)).toBe(false);
    expect(outcome('fast', body)).toEqual(outcome('generated', body));
  });
});

describe('truncated and corrupted bodies', () => {
  const base = Request.encode(randomRequest(seededRandom(99))).finish();
  const sdk = makeOtlpTraffic({ requests: 1, spansPerRequest: 30, instances: 2, users: 10, t0: 1.7e12, stepMs: 1 })
    .bodies[0];

  it('a truncated body fails alike (malformed_payload) or decodes alike', () => {
    const rand = seededRandom(5);
    for (const body of [base, sdk]) {
      for (let i = 0; i < 150; i++) {
        const cut = body.subarray(0, Math.floor(rand() * body.length));
        expect(outcome('fast', cut)).toEqual(outcome('generated', cut));
      }
    }
  });

  it('corrupted text (keys, values, names: any bytes, invalid UTF-8 too) decodes alike', () => {
    const rand = seededRandom(6);
    // Bytes inside text the reader matches or keeps; the lengths around them stay intact.
    const marks = [
      'enduser.id',
      'url.path',
      'http.route',
      'user-',
      'Mozilla',
      'SELECT',
      'GET /',
      'shop',
      'db.',
      'JSESSIONID',
      'http',
      'SELECT',
      'kim',
      'orders',
    ].map((m) => Buffer.from(m));
    for (const body of [base, sdk]) {
      const where: number[] = [];
      for (const m of marks)
        for (let at = Buffer.from(body).indexOf(m); at >= 0; at = Buffer.from(body).indexOf(m, at + 1)) {
          for (let k = 0; k < m.length; k++) where.push(at + k);
        }
      expect(where.length).toBeGreaterThan(0);
      for (let i = 0; i < 200; i++) {
        const bad = Buffer.from(body);
        for (let k = 0; k < 3; k++) bad[pick(rand, where)] = Math.floor(rand() * 256);
        expect(outcome('fast', bad)).toEqual(outcome('generated', bad));
      }
    }
  });

  it('arbitrary corruption: malformed_payload or a decode, never another failure', () => {
    const rand = seededRandom(8);
    let agreed = 0;
    let bothDecoded = 0;
    for (const body of [base, sdk]) {
      for (let i = 0; i < 300; i++) {
        const bad = Buffer.from(body);
        for (let k = 0; k < 3; k++) bad[Math.floor(rand() * bad.length)] = Math.floor(rand() * 256);
        const full = outcome('generated', bad);
        const fast = outcome('fast', bad);
        for (const o of [full, fast]) if ('error' in o) expect(o.error).toBe('malformed_payload');
        if ('error' in full || 'error' in fast) continue;
        bothDecoded++;
        if (JSON.stringify(fast) === JSON.stringify(full)) agreed++;
      }
    }
    // Where a corrupted length makes a message overlap the next, the generated decoder reads on
    // past the declared end inside content the fast reader skips unread (attributes it never
    // uses), so the two may keep different garbage; they agree on the rest.
    expect(bothDecoded).toBeGreaterThan(100);
    expect(agreed / bothDecoded).toBeGreaterThan(0.9);
  });
});
