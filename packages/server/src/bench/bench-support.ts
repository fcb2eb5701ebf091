/** Small pieces every benchmark shares: the Redis peer connection and the median it reports. */
import { Redis } from 'ioredis';

/**
 * Connects to the Redis measured as a peer. When it is not reachable the benchmark still runs and
 * says, through `log`, which part of its table is left out.
 */
export async function connectPeerRedis(
  url: string,
  log: (line: string) => void,
  leftOut: string,
): Promise<Redis | undefined> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
  redis.on('error', () => undefined); // reported once below; ioredis would otherwise log every retry
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    log(`Redis at ${url} not reachable (${(err as Error).message}): ${leftOut}`);
    redis.disconnect();
    return undefined;
  }
}

/** The upper median (the middle run of an odd count), as the benchmark tables report. */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
