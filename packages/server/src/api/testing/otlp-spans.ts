/**
 * OTLP trace payloads for API tests: server spans of given users at given times, in the OTLP/JSON
 * mapping or encoded as protobuf with OpenTelemetry's own generated classes (the same ones real
 * exporters use), so tests exercise the wire formats rather than a shortcut into the collector.
 */
import { randomBytes } from 'node:crypto';
import { exportRequestClass } from '../../ingest/index.js';

export interface TestSpan {
  /** Start time, epoch ms. */
  time: number;
  userId?: string;
  clientIp?: string;
  durationMs?: number;
  status?: number;
  route?: string;
}

type Attr = { key: string; value: { stringValue?: string; intValue?: string } };

function attrs(s: TestSpan): Attr[] {
  const out: Attr[] = [
    { key: 'http.request.method', value: { stringValue: 'GET' } },
    { key: 'url.path', value: { stringValue: s.route ?? '/items' } },
    { key: 'http.route', value: { stringValue: s.route ?? '/items' } },
    { key: 'http.response.status_code', value: { intValue: String(s.status ?? 200) } },
  ];
  if (s.userId !== undefined) out.push({ key: 'enduser.id', value: { stringValue: s.userId } });
  if (s.clientIp !== undefined) out.push({ key: 'client.address', value: { stringValue: s.clientIp } });
  return out;
}

/** An ExportTraceServiceRequest in the OTLP/JSON mapping (ids hex, times as nanosecond strings). */
export function tracesJson(instance: string, spans: TestSpan[]): Record<string, unknown> {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: 'service.name', value: { stringValue: 'shop' } },
            { key: 'service.instance.id', value: { stringValue: instance } },
          ],
        },
        scopeSpans: [
          {
            scope: { name: 'api-test' },
            spans: spans.map((s) => ({
              traceId: randomBytes(16).toString('hex'),
              spanId: randomBytes(8).toString('hex'),
              name: `GET ${s.route ?? '/items'}`,
              kind: 2,
              startTimeUnixNano: `${BigInt(s.time) * 1_000_000n}`,
              endTimeUnixNano: `${BigInt(s.time + (s.durationMs ?? 20)) * 1_000_000n}`,
              attributes: attrs(s),
              status: {},
            })),
          },
        ],
      },
    ],
  };
}

/** The same request as binary protobuf. */
export function tracesProtobuf(instance: string, spans: TestSpan[]): Uint8Array<ArrayBuffer> {
  const json = tracesJson(instance, spans) as {
    resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[];
  };
  // protobufjs fromObject reads `bytes` fields from base64, not the hex of the JSON mapping.
  for (const rs of json.resourceSpans) {
    for (const ss of rs.scopeSpans) {
      for (const span of ss.spans) {
        span.traceId = Buffer.from(span.traceId as string, 'hex').toString('base64');
        span.spanId = Buffer.from(span.spanId as string, 'hex').toString('base64');
      }
    }
  }
  const cls = exportRequestClass('traces');
  return new Uint8Array(cls.encode(cls.fromObject(json)).finish());
}
