/**
 * Options of the access-log parsers, validated once with zod where they enter (CLI flags, HTTP query),
 * and the per-parser context derived from them.
 */
import { z } from 'zod';
import { TrustedProxies } from '../client-address.js';

export const ACCESS_LOG_FORMATS = ['common', 'combined', 'nginx', 'tomcat', 'w3c'] as const;
export type AccessLogFormat = (typeof ACCESS_LOG_FORMATS)[number];

export const DURATION_UNITS = ['s', 'ms', 'us'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const accessLogOptionsSchema = z
  .object({
    /** Log layout; `w3c` covers IIS W3C extended (and IIS's native comma format). */
    format: z.enum(ACCESS_LOG_FORMATS),
    /** Instance the lines belong to (access logs do not name their server). */
    instance: z.string().min(1).max(200),
    /** Service name; defaults to the instance. */
    service: z.string().min(1).max(200).optional(),
    /**
     * Explicit layout: an Apache/Tomcat `LogFormat` (`%h %l %u %t "%r" %s %b %D`), an nginx
     * `log_format` (`$remote_addr - $remote_user [$time_local] "$request" …`), or for `w3c` a
     * `#Fields:` line used until the file declares its own.
     */
    pattern: z.string().min(1).max(2000).optional(),
    /** Proxies whose `X-Forwarded-For` is believed (addresses or CIDR blocks); none by default. */
    trustedProxies: z.array(z.string()).default([]),
    /** Session cookie name (mode `session`). */
    sessionCookie: z.string().min(1).default('JSESSIONID'),
    /** Persistent visitor cookie name (mode `cookie`); no visitor ids unless set. */
    visitorCookie: z.string().min(1).optional(),
    /**
     * Unit of integer durations in logs without an explicit pattern: Apache `%D` is µs (default for
     * common/combined), Tomcat 8.5/9 `%D` is ms (default for tomcat; Tomcat 10.1+ logs µs). Decimal
     * durations (nginx `$request_time`, Tomcat `%T`) are always seconds.
     */
    durationUnit: z.enum(DURATION_UNITS).optional(),
    /** Longer lines are rejected rather than parsed (a runaway line must not stall ingest). */
    maxLineLength: z
      .number()
      .int()
      .min(256)
      .max(16 * 1024 * 1024)
      .default(64 * 1024),
  })
  .strict();

export type AccessLogParserOptions = z.input<typeof accessLogOptionsSchema>;

/** What every parser needs at run time, derived once from the options. */
export interface AccessLogContext {
  format: AccessLogFormat;
  instance: string;
  service: string;
  trusted: TrustedProxies;
  sessionCookie: string;
  visitorCookie: string | undefined;
  /** Multiplier turning an integer duration into milliseconds. */
  integerDurationToMs: number;
  maxLineLength: number;
}

const UNIT_TO_MS: Record<DurationUnit, number> = { s: 1000, ms: 1, us: 0.001 };

export function accessLogContext(options: z.output<typeof accessLogOptionsSchema>): AccessLogContext {
  const unit = options.durationUnit ?? (options.format === 'tomcat' || options.format === 'w3c' ? 'ms' : 'us');
  return {
    format: options.format,
    instance: options.instance,
    service: options.service ?? options.instance,
    trusted: new TrustedProxies(options.trustedProxies),
    sessionCookie: options.sessionCookie,
    visitorCookie: options.visitorCookie,
    integerDurationToMs: UNIT_TO_MS[unit],
    maxLineLength: options.maxLineLength,
  };
}
