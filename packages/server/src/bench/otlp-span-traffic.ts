/**
 * Realistic OTLP/HTTP trace export bodies for the OTLP benchmark: spans made by the real
 * OpenTelemetry SDK (BasicTracerProvider) and serialized by the exporter's own
 * `ProtobufTraceSerializer`, as an app behind the OTLP proto exporter sends them — a SERVER span per
 * request (semantic-convention HTTP attributes, user id, session cookie, client address) with two SQL
 * child spans, several instances per body.
 */
import { SpanKind, context, trace } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { seededRandom } from '../collector/testing/synthetic-traffic.js';

/** Spans per trace: one server span and two SQL children. */
export const SPANS_PER_TRACE = 3;

export interface OtlpTraffic {
  /** Protobuf export request bodies. */
  bodies: Uint8Array[];
  spans: number;
  /** Server spans (= transactions) over all bodies. */
  transactions: number;
  /** Per server span, in order: user id, instance and start time (for the Redis peer). */
  users: { key: string; instance: string; time: number }[];
  /** Per body: the newest span start time in it (the bench's clock follows the data). */
  lastTime: number[];
}

const ROUTES = ['/orders/:id', '/cart', '/products/:id', '/search', '/login', '/api/items/:id'];
const QUERIES = [
  "SELECT * FROM orders WHERE id = 42 AND owner = 'kim'",
  'SELECT id, name, price FROM products WHERE category = 7 LIMIT 20',
  "UPDATE carts SET updated_at = now() WHERE session_id = 'abc'",
];

function providerOf(instance: string): { provider: BasicTracerProvider; exporter: InMemorySpanExporter } {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'shop',
      'service.instance.id': instance,
      'host.name': `host-${instance}`,
      'telemetry.sdk.language': 'java',
    }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return { provider, exporter };
}

/**
 * `requests` bodies of about `spansPerRequest` spans each, spread over `instances` instances, starting
 * at `t0` and advancing `stepMs` per trace; users drawn from a pool of `users`.
 */
export function makeOtlpTraffic(opts: {
  requests: number;
  spansPerRequest: number;
  instances: number;
  users: number;
  t0: number;
  stepMs: number;
  seed?: number;
}): OtlpTraffic {
  const rand = seededRandom(opts.seed ?? 7);
  const sources = Array.from({ length: opts.instances }, (_, i) => providerOf(`shop-${i + 1}`));
  const tracesPerRequest = Math.max(1, Math.round(opts.spansPerRequest / SPANS_PER_TRACE));
  const bodies: Uint8Array[] = [];
  const users: OtlpTraffic['users'] = [];
  const lastTime: number[] = [];
  let spans = 0;
  let time = opts.t0;
  for (let r = 0; r < opts.requests; r++) {
    const finished: ReadableSpan[] = [];
    for (let t = 0; t < tracesPerRequest; t++) {
      const which = Math.floor(rand() * sources.length);
      const src = sources[which];
      const tracer = src.provider.getTracer('io.opentelemetry.tomcat-10.0');
      const user = Math.floor(rand() * opts.users);
      const route = ROUTES[Math.floor(rand() * ROUTES.length)];
      const path = route.replace(':id', String(Math.floor(rand() * 1000)));
      const start = time;
      time += opts.stepMs;
      const status = rand() < 0.01 ? 500 : 200;
      const server = tracer.startSpan(`GET ${route}`, {
        kind: SpanKind.SERVER,
        startTime: start,
        attributes: {
          'http.request.method': 'GET',
          'url.path': path,
          'url.scheme': 'https',
          'http.route': route,
          'http.response.status_code': status,
          'network.peer.address': `10.1.${user % 250}.${(user >> 8) % 250}`,
          'client.address': `10.1.${user % 250}.${(user >> 8) % 250}`,
          'http.request.header.cookie': [`JSESSIONID=s${user}x${Math.floor(start / 1_800_000)}; vid=v${user}`],
          'enduser.id': `user-${user}`,
          'user_agent.original': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0',
          'http.response.body.size': 512 + Math.floor(rand() * 4096),
          'server.address': 'shop.example.com',
          'server.port': 443,
        },
      });
      const ctx = trace.setSpan(context.active(), server);
      for (let q = 0; q < SPANS_PER_TRACE - 1; q++) {
        const db = tracer.startSpan(
          'SELECT shop',
          {
            kind: SpanKind.CLIENT,
            startTime: start + 1 + q * 3,
            attributes: {
              'db.system.name': 'postgresql',
              'db.namespace': 'shop',
              'db.query.text': QUERIES[(user + q) % QUERIES.length],
              'db.response.returned_rows': Math.floor(rand() * 20),
              'server.address': 'db-1',
            },
          },
          ctx,
        );
        db.end(start + 3 + q * 3);
      }
      server.end(start + 5 + Math.floor(rand() * 80));
      users.push({ key: `user-${user}`, instance: `shop-${which + 1}`, time: start });
    }
    for (const src of sources) {
      finished.push(...src.exporter.getFinishedSpans());
      src.exporter.reset();
    }
    spans += finished.length;
    bodies.push(ProtobufTraceSerializer.serializeRequest(finished)!);
    lastTime.push(time);
  }
  return { bodies, spans, transactions: users.length, users, lastTime };
}
