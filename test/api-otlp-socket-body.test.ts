/**
 * OTLP trace bodies read off a real socket (the Node request stream, not `app.request()`): a protobuf
 * export trickled in small chunks, gzip, a chunked body past the limit and an upload abandoned
 * mid-body — what arrives whole is ingested exactly as the decoder reads it, the rest is counted as
 * failed and the server keeps answering.
 */
import http from 'node:http';
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/src/api/server.js';
import { tracesProtobuf, type TestSpan } from '../packages/server/src/api/testing/otlp-spans.js';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';
import { decodeTraces } from '../packages/server/src/ingest/otlp/decode-traces.js';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const LIMIT = 256 * 1024;

let tc: TestCollector;
let server: RunningServer;

beforeAll(async () => {
  tc = await openTestCollector(T0, { modes: 'user,ip' });
  server = await startServer({
    collector: tc.collector,
    port: 0,
    now: tc.now,
    limits: { maxBodyBytes: LIMIT, maxDecompressedBytes: LIMIT },
    log: () => undefined,
  });
});

afterAll(async () => {
  await server?.close();
  await tc?.dispose();
});

/** POSTs `body` to /v1/traces with chunked transfer encoding, `piece` bytes per write. */
function postChunked(
  body: Uint8Array,
  piece: number,
  headers: Record<string, string> = {},
): Promise<{ status: number | 'reset'; body: Buffer }> {
  return new Promise((resolve) => {
    const req = http.request(
      `${server.url}/v1/traces`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf', 'transfer-encoding': 'chunked', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      },
    );
    // The server may answer and close while we still write (past the limit).
    req.on('error', () => resolve({ status: 'reset', body: Buffer.alloc(0) }));
    let at = 0;
    const pump = (): void => {
      while (at < body.byteLength) {
        const ok = req.write(body.subarray(at, at + piece));
        at += piece;
        if (!ok) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

async function failedTraces(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^promptops_ingest_failed_requests_total\{signal="traces"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

async function storedUsers(from: number, to: number): Promise<string[]> {
  const res = await fetch(`${server.url}/api/v1/transactions?from=${from}&to=${to}&limit=1000`);
  expect(res.status).toBe(200);
  const page = (await res.json()) as { transactions: { userId?: string }[] };
  return page.transactions.map((t) => t.userId ?? '').sort();
}

const spansAt = (t0: number, n: number, prefix: string): TestSpan[] =>
  Array.from({ length: n }, (_, i) => ({ time: t0 + i * 10, userId: `${prefix}${i}`, clientIp: `10.0.0.${i % 200}` }));

describe('OTLP trace bodies from the socket', () => {
  it('ingests a protobuf export trickled in small chunks exactly as the decoder reads it', async () => {
    const body = tracesProtobuf('was-1', spansAt(T0 - 60_000, 300, 'trickle-'));
    const res = await postChunked(body, 333);
    expect(res.status).toBe(200);
    expect(res.body.byteLength).toBe(0); // an empty ExportTraceServiceResponse: nothing rejected
    const expected = decodeTraces(body, 'protobuf').transactions.map((t) => t.userId ?? '');
    expect(expected).toHaveLength(300);
    await tc.advanceTo(T0);
    expect(await storedUsers(T0 - 61_000, T0)).toEqual(expected.sort());
  });

  it('ingests a gzip protobuf export in chunks', async () => {
    const body = tracesProtobuf('was-2', spansAt(T0 + 1_000, 50, 'gzip-'));
    const res = await postChunked(gzipSync(body), 100, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(200);
    await tc.advanceTo(T0 + 60_000);
    expect(await storedUsers(T0 + 1_000, T0 + 2_000)).toEqual(
      decodeTraces(body, 'protobuf')
        .transactions.map((t) => t.userId ?? '')
        .sort(),
    );
  });

  it('cuts off a chunked protobuf body past the limit with 413 and counts it', async () => {
    const before = await failedTraces();
    const res = await postChunked(Buffer.alloc(4 * LIMIT, 0x0a), 16 * 1024);
    if (res.status !== 'reset') {
      expect(res.status).toBe(413);
      expect(res.body[0]).toBe(0x08); // a google.rpc.Status: field 1 (code), varint
    }
    expect(await failedTraces()).toBe(before + 1);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('counts an upload abandoned mid-body as failed and keeps serving', async () => {
    const before = await failedTraces();
    await new Promise<void>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(
          'POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\nContent-Length: 100000\r\n\r\n\x0a\x05',
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => undefined);
    });
    await expect.poll(failedTraces, { timeout: 2000 }).toBe(before + 1);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
