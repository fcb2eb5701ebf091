/**
 * Write coalescing on a real Redis: while commands await replies, the commands sent in one tick leave
 * in one socket write and each gets its own reply; a lone command is written at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { RedisGroup } from '../../test/redis-processes.js';
import { WriteCoalescer } from './write-coalescer.js';

const PORT = 6546;
const hasRedis = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Counts the socket writes (one per `_write`, one per `_writev`) a client makes. */
function countWrites(client: Redis): { writes: number } {
  const stream = (client as unknown as { stream: { _write: unknown; _writev: unknown } }).stream;
  const counter = { writes: 0 };
  for (const name of ['_write', '_writev'] as const) {
    const original = stream[name] as (...a: unknown[]) => unknown;
    stream[name] = (...a: unknown[]) => {
      counter.writes++;
      return original.apply(stream, a);
    };
  }
  return counter;
}

describe.skipIf(!hasRedis)('write coalescer', () => {
  const group = new RedisGroup();
  let client: Redis;
  beforeAll(async () => {
    await group.start(PORT);
    client = new Redis(PORT, '127.0.0.1');
    await client.ping();
  });
  afterAll(async () => {
    client?.disconnect();
    await group.stop();
  });

  it('sends the commands of one tick in one write while others await replies', async () => {
    const coalescer = new WriteCoalescer(client);
    const counter = countWrites(client);
    const inFlight = client.ping(); // awaiting its reply: coalescing engages
    const replies: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i++) {
      coalescer.hold();
      replies.push(client.incrby(`co:${i}`, i));
    }
    expect(counter.writes).toBe(1); // only the PING has left yet
    await inFlight;
    // Each command got its own reply, and the twenty left in one write.
    expect(await Promise.all(replies)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(counter.writes).toBe(2);
  });

  it('writes a lone command at once', async () => {
    const coalescer = new WriteCoalescer(client);
    const counter = countWrites(client);
    coalescer.hold();
    const reply = client.get('co:7');
    expect(counter.writes).toBe(1);
    expect(await reply).toBe('7');
  });
});
