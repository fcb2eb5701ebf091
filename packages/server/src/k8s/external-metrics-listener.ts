/**
 * The HTTPS listener the Kubernetes aggregation layer talks to (`serve --external-metrics-port`): a
 * small app with only the external metrics API, /healthz and /readyz, on TLS with the operator's
 * certificate. Kept apart from the main listener so OTLP exporters stay on plain HTTP 4318 while the
 * APIService gets TLS; with `clientCa` the listener also requires the apiserver's client certificate
 * (the front-proxy/requestheader CA), which is how the aggregator authenticates itself.
 */
import fs from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { registerExternalMetricsRoutes, type ExternalMetricsDeps } from '../api/routes/external-metrics-routes.js';
import { PromptOpsError } from '../errors/promptops-error.js';

export interface ExternalMetricsListenerOptions extends ExternalMetricsDeps {
  /** Interface; default 0.0.0.0 (the apiserver reaches it through the Service). */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** PEM certificate (chain) file. */
  certFile: string;
  /** PEM private key file. */
  keyFile: string;
  /** PEM CA file: when set, clients must present a certificate signed by it. */
  clientCaFile?: string;
  isReady?: () => boolean;
}

export interface RunningExternalMetricsListener {
  url: string;
  port: number;
  close(): Promise<void>;
}

function readPem(flag: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new PromptOpsError('invalid_parameter', `${flag} ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function externalMetricsApp(deps: ExternalMetricsDeps & { isReady?: () => boolean }): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) =>
    (deps.isReady?.() ?? true) ? c.json({ status: 'ready' }) : c.json({ status: 'starting' }, 503),
  );
  registerExternalMetricsRoutes(app, deps);
  return app;
}

export async function startExternalMetricsListener(
  options: ExternalMetricsListenerOptions,
): Promise<RunningExternalMetricsListener> {
  const host = options.host ?? '0.0.0.0';
  const cert = readPem('--tls-cert', options.certFile);
  const key = readPem('--tls-key', options.keyFile);
  const ca = options.clientCaFile === undefined ? undefined : readPem('--tls-client-ca', options.clientCaFile);
  const app = externalMetricsApp(options);
  const server = await new Promise<Server>((resolve, reject) => {
    let s: Server;
    try {
      s = serve({
        fetch: app.fetch,
        hostname: host,
        port: options.port,
        createServer,
        serverOptions: { cert, key, ...(ca ? { ca, requestCert: true, rejectUnauthorized: true } : {}) },
      }) as Server;
    } catch (err) {
      // A key that does not match the certificate fails here, before listening.
      reject(new PromptOpsError('invalid_parameter', `TLS certificate/key: ${(err as Error).message}`, { cause: err }));
      return;
    }
    s.once('listening', () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new PromptOpsError(
          err.code === 'EADDRINUSE' ? 'conflict' : 'internal',
          `external metrics listener on ${host}:${options.port}: ${err.message}`,
          { cause: err },
        ),
      ),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;
  return {
    url: `https://${shown}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The `serve` flags of the external metrics listener, as read by commander. */
export interface ExternalMetricsFlags {
  host?: string;
  externalMetricsPort?: string;
  tlsCert?: string;
  tlsKey?: string;
  tlsClientCa?: string;
}

/**
 * Parses the listener flags once: undefined when no port is given; every problem at once otherwise
 * (the aggregation layer only speaks HTTPS, so a port without a certificate is a configuration error).
 */
export function externalMetricsTlsOptions(
  flags: ExternalMetricsFlags,
): Omit<ExternalMetricsListenerOptions, 'collector' | 'now'> | undefined {
  const problems: string[] = [];
  if (flags.externalMetricsPort === undefined) {
    if (flags.tlsCert !== undefined || flags.tlsKey !== undefined || flags.tlsClientCa !== undefined)
      problems.push('--tls-cert/--tls-key/--tls-client-ca apply to --external-metrics-port, which is not set');
  } else {
    const raw = flags.externalMetricsPort.trim();
    if (!/^\d+$/.test(raw) || Number(raw) > 65_535)
      problems.push(`--external-metrics-port '${raw}' is not a port (0-65535)`);
    if (flags.tlsCert === undefined)
      problems.push('--external-metrics-port needs --tls-cert (the aggregation layer speaks HTTPS only)');
    if (flags.tlsKey === undefined) problems.push('--external-metrics-port needs --tls-key');
  }
  if (problems.length > 0) throw new PromptOpsError('invalid_parameter', `invalid options: ${problems.join('; ')}`);
  if (flags.externalMetricsPort === undefined) return undefined;
  return {
    // The apiserver reaches the pod through its Service; loopback only when the main listener is.
    host: flags.host === '127.0.0.1' || flags.host === 'localhost' ? '127.0.0.1' : '0.0.0.0',
    port: Number(flags.externalMetricsPort),
    certFile: flags.tlsCert as string,
    keyFile: flags.tlsKey as string,
    ...(flags.tlsClientCa === undefined ? {} : { clientCaFile: flags.tlsClientCa }),
  };
}
