/**
 * The command timeout of standalone connections is a sweep, not a timer per command: a server that
 * accepts the connection and never answers must still fail commands (and store calls) in bounded time.
 */
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createSessionStore } from '../store/session-store.js';
import { SessionStoreError } from '../core/session-error.js';
import { watchCommandTimeouts } from './redis-connection.js';

const PORT = 6594;

describe('command timeout sweep', () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and reads everything, answers nothing: a hung or black-holed Redis.
    silent = createServer((s) => {
      sockets.push(s);
      s.resume();
    });
    await new Promise<void>((r) => silent.listen(PORT, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it('rejects a command left unanswered for the timeout with "Command timed out"', async () => {
    const client = new Redis({ port: PORT, host: '127.0.0.1', enableReadyCheck: false, maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    const stop = watchCommandTimeouts(client, 200);
    try {
      const started = Date.now();
      const err = await client.get('k').then(
        () => undefined,
        (e: unknown) => e,
      );
      const took = Date.now() - started;
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toBe('Command timed out');
      expect(took).toBeGreaterThanOrEqual(190);
      expect(took).toBeLessThan(1000);
    } finally {
      stop();
      client.disconnect();
    }
  });

  it('fails a store read with `unavailable` within the failover budget instead of hanging', async () => {
    const store = createSessionStore({
      backend: `redis://127.0.0.1:${PORT}`,
      instance: 'silent',
      commandTimeoutMs: 200,
      failoverTimeoutMs: 800,
    });
    try {
      const started = Date.now();
      const err = await store.core.get('sid').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SessionStoreError);
      expect((err as SessionStoreError).code).toBe('unavailable');
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await store.close();
    }
  });
});
