/**
 * Gate for tests that need a system service or binary (Redis, Prometheus, Chromium, pdftotext).
 * On a user's machine a missing service skips the test with a clear message; under
 * PROMPTOPS_REQUIRE_SERVICES=1 (as `.ci/run` sets) it fails the run, so CI never silently skips.
 */
import { execFileSync } from 'node:child_process';
import net from 'node:net';

export const servicesRequired = process.env.PROMPTOPS_REQUIRE_SERVICES === '1';

/** True when a TCP connection to host:port succeeds within the timeout. */
export function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Absolute path of an executable on PATH (or at the given absolute path), or undefined. */
export function findBinary(name: string): string | undefined {
  if (name.startsWith('/')) {
    try {
      execFileSync('test', ['-x', name]);
      return name;
    } catch {
      return undefined;
    }
  }
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * Returns whether the service is available. When it is not: throws under
 * PROMPTOPS_REQUIRE_SERVICES=1, otherwise prints why the dependent tests are skipped.
 */
export function requireService(name: string, available: boolean, hint: string): boolean {
  if (available) return true;
  const message = `${name} is not available (${hint})`;
  if (servicesRequired) throw new Error(`${message}; PROMPTOPS_REQUIRE_SERVICES=1 forbids skipping`);
  console.warn(`skipping tests that need ${message}`);
  return false;
}

/** The local Redis the machine provides (127.0.0.1:6379 unless PROMPTOPS_TEST_REDIS_URL says otherwise). */
export async function localRedisAvailable(): Promise<{ available: boolean; url: string }> {
  const url = process.env.PROMPTOPS_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const u = new URL(url);
  const available = await tcpReachable(u.hostname, Number(u.port || 6379));
  return { available: requireService('Redis', available, `nothing listens at ${url}`), url };
}
