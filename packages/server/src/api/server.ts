/**
 * Binds the API to a TCP listener: `startServer` resolves once the port is listening (port 0 picks a
 * free one, which tests use) and returns a handle whose `close()` stops accepting, lets in-flight
 * requests finish briefly, then drops idle and stuck connections. The `serve` and `demo` commands
 * both start the collector's listener through here.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { PromptOpsError } from '../errors/promptops-error.js';
import { createApp, type ApiDeps } from './app.js';

/** The OTLP/HTTP port, so OpenTelemetry exporters work with no configuration. */
export const DEFAULT_PORT = 4318;
export const DEFAULT_HOST = '127.0.0.1';

export interface StartServerOptions extends ApiDeps {
  /** Interface to listen on; default 127.0.0.1 (loopback: exposing the collector is a decision). */
  host?: string;
  /** TCP port; default 4318; 0 picks a free port. */
  port?: number;
  /** How long `close()` waits for in-flight requests before dropping connections, ms; default 5000. */
  closeGraceMs?: number;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:4318`. */
  url: string;
  host: string;
  port: number;
  app: Hono;
  /** Stops listening and closes connections; resolves when the listener is closed. Idempotent. */
  close(): Promise<void>;
}

function urlOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  const app = createApp(options);
  const server = (await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => {
      const message =
        err.code === 'EADDRINUSE'
          ? `${host}:${port} is already in use (another promptops? use --port)`
          : `cannot listen on ${host}:${port}: ${err.message}`;
      reject(new PromptOpsError(err.code === 'EADDRINUSE' ? 'conflict' : 'internal', message, { cause: err }));
    });
  })) satisfies Server;
  // Exporters keep connections open between batches (often 5-10 s apart). With Node's 5 s default the
  // server can close an idle connection just as a client reuses it, which the client sees as
  // ECONNRESET; idle connections are kept longer than common client and load-balancer idle timeouts.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // A whole request must arrive within 2 min, so a trickling upload cannot hold an ingest slot for long.
  server.requestTimeout = 120_000;
  const bound = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const grace = setTimeout(() => server.closeAllConnections(), options.closeGraceMs ?? 5_000);
      grace.unref();
      server.close(() => {
        clearTimeout(grace);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { url: urlOf(host, bound), host, port: bound, app, close };
}
