/** Per-session expiry from the session's cookie (express-session and @fastify/session shapes). */

/** Epoch ms at which the session expires: cookie `expires`, else `maxAge`/`originalMaxAge`, else the default. */
export function expiryOf(session: object, now: number, defaultTtlSeconds: number): number {
  const cookie = (session as { cookie?: Record<string, unknown> }).cookie;
  if (cookie && typeof cookie === 'object') {
    const exp = cookie.expires ?? cookie._expires;
    if (exp instanceof Date || typeof exp === 'string' || typeof exp === 'number') {
      const t = new Date(exp).getTime();
      if (Number.isFinite(t) && t > now) return t;
    }
    const maxAge = cookie.originalMaxAge ?? cookie.maxAge;
    if (typeof maxAge === 'number' && maxAge > 0) return now + maxAge;
  }
  return now + defaultTtlSeconds * 1000;
}
