/** Options shared by the OTLP decoders, parsed once by whoever builds them (HTTP layer, CLI). */
import { TrustedProxies } from '../client-address.js';

export interface OtlpDecodeOptions {
  /** Proxies whose `X-Forwarded-For` (span attribute `http.request.header.x-forwarded-for`) is believed. */
  trustedProxies?: TrustedProxies | readonly string[];
  /** Session cookie read from `http.request.header.cookie` when `session.id` is absent (default JSESSIONID). */
  sessionCookie?: string;
  /** Persistent visitor cookie name (mode `cookie`); no visitor ids unless set. */
  visitorCookie?: string;
  /** Instance for records whose resource names no service or host (default `unknown`). */
  fallbackInstance?: string;
  /** Cap on child summaries kept per transaction, per kind (queries, calls, exceptions); default 100. */
  maxChildSummaries?: number;
}

export interface ResolvedOtlpOptions {
  trusted: TrustedProxies;
  sessionCookie: string;
  visitorCookie: string | undefined;
  fallbackInstance: string;
  maxChildSummaries: number;
}

const cache = new WeakMap<object, ResolvedOtlpOptions>();

export function resolveOtlpOptions(options: OtlpDecodeOptions = {}): ResolvedOtlpOptions {
  const hit = cache.get(options);
  if (hit) return hit;
  const tp = options.trustedProxies;
  const resolved: ResolvedOtlpOptions = {
    trusted: tp instanceof TrustedProxies ? tp : new TrustedProxies(tp ?? []),
    sessionCookie: options.sessionCookie ?? 'JSESSIONID',
    visitorCookie: options.visitorCookie,
    fallbackInstance: options.fallbackInstance ?? 'unknown',
    maxChildSummaries: options.maxChildSummaries ?? 100,
  };
  cache.set(options, resolved);
  return resolved;
}
