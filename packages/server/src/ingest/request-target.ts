/**
 * Splits a logged request target into the route of access-log transactions (the path without query)
 * and the servlet `;jsessionid=` path parameter (URL rewriting, used when cookies are off), which must
 * not leak into routes and is a session key in its own right. Two plain functions rather than one
 * returning an object: they run once per log line.
 */

/** Path without query string or `;jsessionid=…` path parameter. */
export function routeOf(url: string): string {
  let end = url.indexOf('?');
  if (end < 0) end = url.length;
  const semi = url.indexOf(';');
  if (semi >= 0 && semi < end) end = semi;
  return end === url.length ? url : url.slice(0, end);
}

/** Session id carried in the URL as `;jsessionid=…`, if any. */
export function urlSessionId(url: string): string | undefined {
  const semi = url.indexOf(';');
  if (semi < 0) return undefined;
  let end = url.indexOf('?', semi);
  if (end < 0) end = url.length;
  const param = url.slice(semi + 1, end);
  if (param.length <= 11 || param.slice(0, 11).toLowerCase() !== 'jsessionid=') return undefined;
  return param.slice(11);
}

/** Path (and query) of an absolute URL (`http://host/p?q` → `/p?q`); other targets are returned as is. */
export function targetOfUrl(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0 || scheme > 10) return url;
  const slash = url.indexOf('/', scheme + 3);
  return slash < 0 ? '/' : url.slice(slash);
}
