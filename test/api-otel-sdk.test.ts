/**
 * Cross-layer: the official OpenTelemetry JS SDK exports server spans to a running collector (one
 * tracer provider through the protobuf exporter with gzip, one through the JSON exporter), and the
 * concurrent users read back through the REST API are the users those spans carried — the path a
 * real instrumented application takes, end to end over a socket.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/src/api/server.js';
import { openCollector, type Collector } from '../packages/server/src/collector/collector.js';

let tmp: string;
let collector: Collector;
let server: RunningServer;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-otel-'));
  collector = await openCollector({ dataDir: tmp, modes: 'user,ip' });
  server = await startServer({ collector, port: 0, log: () => undefined });
});

afterAll(async () => {
  await server?.close();
  await collector?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Ends `users` server spans (one per user) through a provider exporting with `exporter`. */
async function emit(instance: string, exporter: SpanExporter, users: string[]): Promise<void> {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'shop', 'service.instance.id': instance }),
    // As applications run it: spans batched, exported on flush.
    spanProcessors: [new BatchSpanProcessor(exporter, { maxExportBatchSize: 512, scheduledDelayMillis: 60_000 })],
  });
  const tracer = provider.getTracer('promptops-api-test');
  for (const [i, user] of users.entries()) {
    const span = tracer.startSpan('GET /api/items/:id', {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': 'GET',
        'url.path': `/api/items/${i}`,
        'http.route': '/api/items/:id',
        'http.response.status_code': i === 0 ? 500 : 200,
        'enduser.id': user,
        'client.address': `192.0.2.${i + 1}`,
      },
    });
    if (i === 0) span.setStatus({ code: SpanStatusCode.ERROR });
    // A database call inside the request, ended first as in a real app.
    const db = tracer.startSpan(
      'SELECT items',
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system': 'postgresql', 'db.query.text': `SELECT * FROM items WHERE id = ${i}` },
      },
      trace.setSpan(context.active(), span),
    );
    db.end();
    span.end();
  }
  await provider.forceFlush();
  await provider.shutdown();
}

describe('OpenTelemetry SDK → collector → REST API', () => {
  it('counts the users of spans exported as gzip protobuf and as JSON', async () => {
    const usersA = Array.from({ length: 25 }, (_, i) => `alice-${i}`);
    const usersB = [...usersA.slice(0, 5), ...Array.from({ length: 10 }, (_, i) => `bob-${i}`)];
    await emit(
      'was-a',
      new OtlpProtoExporter({ url: `${server.url}/v1/traces`, compression: CompressionAlgorithm.GZIP }),
      usersA,
    );
    await emit('was-b', new OtlpHttpJsonExporter({ url: `${server.url}/v1/traces` }), usersB);

    // CCU at t counts users active in (t − W, t] with t the last 2 s boundary, so spans of the
    // current bucket show up once it closes: poll for up to a few buckets.
    type Ccu = { value: number; low: number; high: number; instances: { instance: string; value: number }[] };
    let ccu: Ccu = { value: 0, low: 0, high: 0, instances: [] };
    for (let attempt = 0; attempt < 30 && ccu.value < 35; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 250));
      const res = await fetch(`${server.url}/api/v1/concurrent-users?mode=user`);
      expect(res.status).toBe(200);
      ccu = (await res.json()) as Ccu;
    }
    // 35 distinct users: 25 on was-a, 15 on was-b, 5 of them on both.
    expect(ccu.value).toBe(35);
    expect(Object.fromEntries(ccu.instances.map((i) => [i.instance, i.value]))).toEqual({ 'was-a': 25, 'was-b': 15 });

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^promptops_ingest_records_total\{signal="traces",outcome="accepted"\} 80$/m);
    expect(metrics).toMatch(/^promptops_transaction_errors_total\{instance="\*"\} 2$/m);
  });

  it('keeps the raw transactions with their user, client address and SQL', async () => {
    await collector.flush();
    const res = await fetch(`${server.url}/api/v1/users/alice-3/requests?from=-1h`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      count: number;
      requests: { instance: string; clientIp: string; route: string; queries?: { statement: string }[] }[];
    };
    expect(body.count).toBe(2); // was-a and was-b
    for (const tx of body.requests) {
      expect(tx.route).toBe('/api/items/:id');
      expect(tx.clientIp).toBe('192.0.2.4');
      expect(tx.queries?.[0]?.statement).toBe('SELECT * FROM items WHERE id = ?');
    }
  });
});
