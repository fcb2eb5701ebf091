/**
 * The session cookie format express-session uses (`s:` + id + `.` + base64 HMAC-SHA256 without
 * padding), so the Koa adapter reads and writes the same cookies as Express and Fastify.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export function sign(value: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '');
  return `${value}.${mac}`;
}

/** The signed value when one of the secrets signed it, else undefined. */
export function unsign(signed: string, secrets: string[]): string | undefined {
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed);
  for (const secret of secrets) {
    const expected = Buffer.from(sign(value, secret));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return value;
  }
  return undefined;
}

/** Cookie value as express-session writes it (before URI encoding). */
export function cookieValueOf(sessionId: string, secret: string): string {
  return `s:${sign(sessionId, secret)}`;
}

/** Session id from a cookie value written by express-session, @fastify/session (prefix `s:`) or Koa. */
export function sessionIdOf(cookieValue: string, secrets: string[]): string | undefined {
  let v = cookieValue;
  try {
    v = decodeURIComponent(v);
  } catch {
    return undefined;
  }
  if (!v.startsWith('s:')) return undefined;
  return unsign(v.slice(2), secrets);
}
