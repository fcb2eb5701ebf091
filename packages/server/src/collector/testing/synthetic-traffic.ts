/**
 * Seeded synthetic transactions for collector tests and benchmarks: users with sessions, visitor
 * cookies and client addresses spread over instances, realistic routes, latencies and statuses.
 */
import type { Transaction } from '../../model/transaction.js';

/** Mulberry32: small, fast, seedable; enough for reproducible test traffic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROUTES = ['/api/items/:id', '/api/cart', '/login', '/search', '/api/orders/:id', '/'];

export function syntheticTransaction(rand: () => number, time: number, user: number, instance: string): Transaction {
  const route = ROUTES[Math.floor(rand() * ROUTES.length)];
  const id = Math.floor(rand() * 10_000);
  const status = rand() < 0.01 ? 500 : 200;
  return {
    time,
    durationMs: Math.round(5 + rand() * rand() * 800),
    status,
    error: status >= 500,
    method: route === '/login' ? 'POST' : 'GET',
    url: route.replace(':id', String(id)) + (rand() < 0.3 ? `?q=${id}` : ''),
    route,
    instance,
    service: 'shop',
    clientIp: `10.${(user >> 16) & 255}.${(user >> 8) & 255}.${user & 255}`,
    sessionId: `s-${user}-${Math.floor(time / 1_800_000)}`,
    visitorId: `v-${user}`,
    userId: `u-${user}`,
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
    bytes: Math.round(rand() * 20_000),
    traceId: (user * 2654435761).toString(16).padStart(32, '0'),
    spanId: Math.floor(rand() * 2 ** 52)
      .toString(16)
      .padStart(16, '0'),
  };
}
