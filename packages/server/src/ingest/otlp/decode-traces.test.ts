/**
 * Trace decoding against the official OTLP examples and Jaeger fixtures, spans produced by the real
 * OpenTelemetry SDK and serialised by the official exporter serializers (protobuf and JSON), and
 * malformed input.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { PromptOpsError } from '../../errors/promptops-error.js';
import { decodeTraces } from './decode-traces.js';
import { encodeOtlpProtobuf } from './otlp-test-encoding.js';
import { PendingChildSpans } from './pending-child-spans.js';

const DATA = path.resolve(fileURLToPath(new URL('../../../../../', import.meta.url)), '../shared/data/otlp_json');
const haveData = existsSync(DATA);
if (!haveData) console.warn(`OTLP fixture tests skipped: ${DATA} is absent`);

function traceFixtures(): string[] {
  if (!haveData) return [];
  const jaeger = path.join(DATA, 'jaeger_fixtures');
  return [
    path.join(DATA, 'opentelemetry-proto_examples/trace.json'),
    path.join(jaeger, 'otlp2jaeger-in.json'),
    ...readdirSync(path.join(jaeger, 'traces')).map((f) => path.join(jaeger, 'traces', f)),
  ];
}

describe.skipIf(!haveData)('OTLP trace fixtures', () => {
  it.each(traceFixtures().map((f) => [path.relative(DATA, f), f]))(
    '%s decodes in JSON and protobuf alike',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      const fromJson = decodeTraces(text, 'json');
      expect(fromJson.report.rejected).toBe(0);
      expect(fromJson.transactions.length).toBeGreaterThan(0);
      for (const tx of fromJson.transactions) {
        expect(Number.isFinite(tx.time) && tx.durationMs >= 0).toBe(true);
        expect(tx.traceId).toMatch(/^[0-9a-f]{32}$/);
      }
      const fromProto = decodeTraces(encodeOtlpProtobuf('traces', JSON.parse(text)), 'protobuf');
      expect(fromProto).toEqual(fromJson);
    },
  );

  it('maps the official example server span', () => {
    const { transactions } = decodeTraces(
      readFileSync(path.join(DATA, 'opentelemetry-proto_examples/trace.json')),
      'json',
    );
    expect(transactions).toEqual([
      expect.objectContaining({
        time: 1544712660000,
        durationMs: 1000,
        instance: 'my.service',
        service: 'my.service',
        traceId: '5b8efff798038103d269b633813fc60c',
        spanId: 'eee19b7ec3c1b174',
        route: "I'm a server span",
      }),
    ]);
  });
});

/** One request through the real SDK: server span, a JDBC query, an HTTP client call, an exception. */
function sdkSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'shop', 'service.instance.id': 'shop-1', 'host.name': 'h1' }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('test');
  const server = tracer.startSpan('GET /orders/:id', {
    kind: SpanKind.SERVER,
    startTime: new Date('2025-01-02T03:04:05.000Z'),
    attributes: {
      'http.request.method': 'GET',
      'url.path': '/orders/42',
      'url.query': 'full=1',
      'http.route': '/orders/:id',
      'http.response.status_code': 500,
      'network.peer.address': '10.0.0.2',
      'client.address': '10.0.0.2',
      'http.request.header.x-forwarded-for': ['198.51.100.23, 10.0.0.7'],
      'http.request.header.cookie': ['theme=dark; JSESSIONID=node0abc; vid=v-77'],
      'enduser.id': 'kim',
      'user_agent.original': 'Mozilla/5.0',
      'http.response.body.size': 1234,
    },
  });
  const ctx = trace.setSpan(context.active(), server);
  const db = tracer.startSpan(
    'SELECT orders',
    {
      kind: SpanKind.CLIENT,
      startTime: new Date('2025-01-02T03:04:05.010Z'),
      attributes: {
        'db.system': 'postgresql',
        'db.statement': "SELECT *  FROM orders\n WHERE id = 42 AND owner = 'kim'",
        'db.response.returned_rows': 1,
      },
    },
    ctx,
  );
  db.end(new Date('2025-01-02T03:04:05.030Z'));
  const call = tracer.startSpan(
    'GET',
    {
      kind: SpanKind.CLIENT,
      startTime: new Date('2025-01-02T03:04:05.040Z'),
      attributes: {
        'http.request.method': 'GET',
        'url.full': 'http://stock/api/items/42',
        'http.response.status_code': 200,
      },
    },
    ctx,
  );
  call.recordException({ name: 'java.net.SocketTimeoutException', message: 'Read timed out' });
  call.end(new Date('2025-01-02T03:04:05.090Z'));
  server.setStatus({ code: SpanStatusCode.ERROR });
  server.end(new Date('2025-01-02T03:04:05.250Z'));
  return exporter.getFinishedSpans();
}

describe('OTLP traces from the real SDK and exporter serializers', () => {
  const options = { trustedProxies: ['10.0.0.0/8'], visitorCookie: 'vid' };
  const expected = {
    time: Date.parse('2025-01-02T03:04:05.000Z'),
    durationMs: 250,
    status: 500,
    error: true,
    method: 'GET',
    url: '/orders/42?full=1',
    route: '/orders/:id',
    instance: 'shop-1',
    service: 'shop',
    clientIp: '198.51.100.23',
    sessionId: 'node0abc',
    visitorId: 'v-77',
    userId: 'kim',
    userAgent: 'Mozilla/5.0',
    bytes: 1234,
    queries: [
      { statement: 'SELECT * FROM orders WHERE id = ? AND owner = ?', durationMs: 20, rows: 1, system: 'postgresql' },
    ],
    calls: [{ url: 'http://stock/api/items/42', method: 'GET', status: 200, durationMs: 50 }],
    exceptions: [{ type: 'java.net.SocketTimeoutException', message: 'Read timed out' }],
  };

  it('decodes ProtobufTraceSerializer output', () => {
    const body = ProtobufTraceSerializer.serializeRequest(sdkSpans())!;
    const { transactions, report } = decodeTraces(body, 'protobuf', options);
    expect(report).toEqual({ accepted: 3, rejected: 0, rejections: [] });
    expect(transactions).toHaveLength(1);
    expect(transactions[0]).toMatchObject(expected);
  });

  it('decodes JsonTraceSerializer output the same way', () => {
    const body = JsonTraceSerializer.serializeRequest(sdkSpans())!;
    const { transactions } = decodeTraces(body, 'json', options);
    expect(transactions[0]).toMatchObject(expected);
  });

  it('does not believe X-Forwarded-For from an untrusted peer', () => {
    const body = ProtobufTraceSerializer.serializeRequest(sdkSpans())!;
    expect(decodeTraces(body, 'protobuf').transactions[0].clientIp).toBe('10.0.0.2');
  });

  it('attaches children exported before their server span through PendingChildSpans', () => {
    const spans = sdkSpans();
    const serverSpan = spans.filter((s) => s.kind === SpanKind.SERVER);
    const children = spans.filter((s) => s.kind !== SpanKind.SERVER);
    const pending = new PendingChildSpans();
    const first = decodeTraces(ProtobufTraceSerializer.serializeRequest(children)!, 'protobuf', { pending });
    expect(first.transactions).toHaveLength(0);
    expect(pending.pending).toBe(2);
    const second = decodeTraces(ProtobufTraceSerializer.serializeRequest(serverSpan)!, 'protobuf', { pending });
    expect(second.transactions[0].queries).toHaveLength(1);
    expect(second.transactions[0].calls).toHaveLength(1);
    expect(pending.pending).toBe(0);
    // Without the holding area they are counted, not silently lost.
    expect(decodeTraces(ProtobufTraceSerializer.serializeRequest(children)!, 'protobuf').report.ignored).toEqual({
      'span-without-server-span': 2,
    });
  });
});

describe('OTLP trace input handling', () => {
  const span = {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    name: 'GET /x',
    kind: 'SPAN_KIND_SERVER',
    startTimeUnixNano: '1700000000000000000',
    endTimeUnixNano: 1700000000005000000,
    attributes: [
      { key: 'http.method', value: { stringValue: 'POST' } },
      { key: 'http.status_code', value: { intValue: '404' } },
      { key: 'http.target', value: { stringValue: '/x?y=1' } },
    ],
    status: { code: 'STATUS_CODE_UNSET' },
  };

  it('accepts enum names, numeric int64 and old semantic conventions', () => {
    const { transactions } = decodeTraces(
      JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] }),
      'json',
      {
        fallbackInstance: 'edge',
      },
    );
    expect(transactions[0]).toMatchObject({
      method: 'POST',
      status: 404,
      error: false,
      url: '/x?y=1',
      route: '/x',
      durationMs: 5,
      instance: 'edge',
    });
  });

  it('accepts snake_case keys', () => {
    const snake = JSON.stringify({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'svc' } }] },
          scope_spans: [
            {
              spans: [
                {
                  trace_id: span.traceId,
                  span_id: span.spanId,
                  kind: 2,
                  start_time_unix_nano: span.startTimeUnixNano,
                  end_time_unix_nano: span.startTimeUnixNano,
                },
              ],
            },
          ],
        },
      ],
    });
    const { transactions, report } = decodeTraces(snake, 'json');
    expect(report.rejected).toBe(0);
    expect(transactions[0]).toMatchObject({ service: 'svc', traceId: span.traceId });
  });

  it('accepts pre-1.0 instrumentationLibrarySpans payloads', () => {
    const old = JSON.stringify({
      resourceSpans: [{ instrumentationLibrarySpans: [{ instrumentationLibrary: { name: 'x' }, spans: [span] }] }],
    });
    expect(decodeTraces(old, 'json').transactions).toHaveLength(1);
    const oldSnake = JSON.stringify({ resource_spans: [{ instrumentation_library_spans: [{ spans: [span] }] }] });
    expect(decodeTraces(oldSnake, 'json').transactions).toHaveLength(1);
  });

  it('rejects malformed spans with their position and keeps the rest', () => {
    const bad = { ...span, traceId: 'xyz' };
    const noTime = { ...span, startTimeUnixNano: undefined };
    const body = JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [bad, span, noTime] }] }] });
    const { transactions, report } = decodeTraces(body, 'json');
    expect(transactions).toHaveLength(1);
    expect(report.accepted).toBe(1);
    expect(report.rejections.map((r) => r.at)).toEqual([1, 3]);
    expect(report.rejections[0].reason).toMatch(/traceId/);
  });

  it('rejects malformed protobuf spans with their position too (hand-checked hot path)', () => {
    const shortId = { ...span, spanId: 'abcd' };
    const noTime = { ...span, startTimeUnixNano: undefined };
    const json = { resourceSpans: [{ scopeSpans: [{ spans: [span, shortId, noTime, span] }] }] };
    const { transactions, report } = decodeTraces(encodeOtlpProtobuf('traces', json), 'protobuf');
    expect(transactions).toHaveLength(2);
    expect(report.accepted).toBe(2);
    expect(report.rejections).toEqual([
      { at: 2, reason: 'span: spanId: not an 8-byte id' },
      { at: 3, reason: 'span: startTimeUnixNano: Required' },
    ]);
  });

  it('throws malformed_payload only for undecodable bodies', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof PromptOpsError ? err.code : 'other';
      }
      return 'none';
    };
    expect(code(() => decodeTraces('{not json', 'json'))).toBe('malformed_payload');
    expect(code(() => decodeTraces('[1,2]', 'json'))).toBe('malformed_payload');
    expect(code(() => decodeTraces('{"resourceSpans": 5}', 'json'))).toBe('malformed_payload');
    expect(code(() => decodeTraces(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), 'protobuf'))).toBe(
      'malformed_payload',
    );
    expect(code(() => decodeTraces('{}', 'json'))).toBe('none');
  });
});
