/**
 * The external metrics API over HTTPS, as the aggregation layer reaches it: a self-signed certificate
 * made by openssl in the test, a real TLS listener, and real HTTPS requests that trust that certificate
 * (and fail when they do not); with a client CA the listener refuses clients without a certificate.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCollector, type TestCollector } from '../packages/server/src/collector/testing/test-collector.js';
import {
  externalMetricsTlsOptions,
  startExternalMetricsListener,
  type RunningExternalMetricsListener,
} from '../packages/server/src/k8s/external-metrics-listener.js';
import { externalMetricValueListSchema } from '../packages/server/src/k8s/external-metrics-types.js';
import { findBinary } from './support/services.js';

const T0 = Date.UTC(2026, 10, 25, 10, 0, 0);
const openssl = findBinary('openssl');
let dir: string;
let tc: TestCollector;

function opensslCert(name: string, extra: string[] = []): { cert: string; key: string } {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync(
    openssl as string,
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${name}`,
      '-keyout',
      key,
      '-out',
      cert,
      ...extra,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

function httpsGet(url: string, options: https.RequestOptions): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

beforeAll(async () => {
  if (!openssl) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-k8s-tls-'));
  tc = await openTestCollector(T0, { modes: 'user' });
  tc.collector.transactions(
    Array.from({ length: 50 }, (_, u) => ({
      time: T0 + 100 + u,
      durationMs: 5,
      status: 200,
      error: false,
      method: 'GET',
      url: '/',
      route: '/',
      instance: 'was1',
      service: 'shop',
      clientIp: `10.0.0.${u}`,
      userId: `u-${u}`,
      bytes: 1,
    })),
  );
  await tc.advanceTo(T0 + 4_000);
});

afterAll(async () => {
  await tc?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!openssl)('HTTPS external metrics listener (needs openssl)', () => {
  let listener: RunningExternalMetricsListener;
  let ca: Buffer;

  beforeAll(async () => {
    const server = opensslCert('localhost', ['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
    ca = fs.readFileSync(server.cert);
    listener = await startExternalMetricsListener({
      ...externalMetricsTlsOptions({
        host: '127.0.0.1',
        externalMetricsPort: '0',
        tlsCert: server.cert,
        tlsKey: server.key,
      })!,
      collector: tc.collector,
      now: tc.now,
    });
  });
  afterAll(async () => {
    await listener?.close();
  });

  it('answers discovery and values over TLS to a client that trusts the certificate', async () => {
    expect(listener.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const discovery = await httpsGet(`${listener.url}/apis/external.metrics.k8s.io/v1beta1`, { ca });
    expect(discovery.status).toBe(200);
    expect(JSON.parse(discovery.body)).toMatchObject({ kind: 'APIResourceList' });
    const value = await httpsGet(
      `${listener.url}/apis/external.metrics.k8s.io/v1beta1/namespaces/default/concurrent_users?labelSelector=instance%3Dwas1`,
      { ca },
    );
    const list = externalMetricValueListSchema.parse(JSON.parse(value.body));
    expect(Number(list.items[0]?.value)).toBeGreaterThanOrEqual(49);
    expect(Number(list.items[0]?.value)).toBeLessThanOrEqual(51);
    expect((await httpsGet(`${listener.url}/healthz`, { ca })).status).toBe(200);
  });

  it('is really TLS: a client that does not trust the certificate is refused', async () => {
    await expect(httpsGet(`${listener.url}/apis`, {})).rejects.toThrow(/self.signed|certificate/i);
  });

  it('with a client CA, refuses clients without a certificate and serves those with one', async () => {
    const server = opensslCert('localhost-mtls', ['-addext', 'subjectAltName=IP:127.0.0.1']);
    const client = opensslCert('front-proxy-client');
    const mtls = await startExternalMetricsListener({
      ...externalMetricsTlsOptions({
        host: '127.0.0.1',
        externalMetricsPort: '0',
        tlsCert: server.cert,
        tlsKey: server.key,
        tlsClientCa: client.cert,
      })!,
      collector: tc.collector,
      now: tc.now,
    });
    try {
      const serverCa = fs.readFileSync(server.cert);
      await expect(httpsGet(`${mtls.url}/apis`, { ca: serverCa })).rejects.toThrow();
      const ok = await httpsGet(`${mtls.url}/apis`, {
        ca: serverCa,
        cert: fs.readFileSync(client.cert),
        key: fs.readFileSync(client.key),
      });
      expect(ok.status).toBe(200);
    } finally {
      await mtls.close();
    }
  });

  it('rejects a port without a certificate, listing every problem', () => {
    expect(() => externalMetricsTlsOptions({ externalMetricsPort: 'x' })).toThrow(
      /not a port.*needs --tls-cert.*needs --tls-key/,
    );
    expect(() => externalMetricsTlsOptions({ tlsCert: 'a.crt' })).toThrow(/not set/);
    expect(externalMetricsTlsOptions({})).toBeUndefined();
  });
});
