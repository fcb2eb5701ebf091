/**
 * Options of `createSessionStore`, parsed once with zod: every option has a default and a one-line
 * doc, and a bad configuration fails at start-up listing every problem.
 */
import os from 'node:os';
import { z } from 'zod';
import { SessionStoreError } from './session-error.js';

const pattern = z.union([z.string(), z.instanceof(RegExp)]);

export const filterOptionsSchema = z
  .object({
    /** Set false to create sessions for every request. */
    enabled: z.boolean().default(true),
    /** File extensions that never get a session (static assets). */
    extensions: z
      .array(z.string())
      .default([
        'png',
        'jpg',
        'jpeg',
        'gif',
        'svg',
        'ico',
        'webp',
        'avif',
        'css',
        'js',
        'mjs',
        'map',
        'woff',
        'woff2',
        'ttf',
        'otf',
        'eot',
      ]),
    /** Path prefixes (strings) or patterns that never get a session: health checks, assets, metrics. */
    paths: z
      .array(pattern)
      .default([
        '/health',
        '/healthz',
        '/readyz',
        '/livez',
        '/metrics',
        '/favicon.ico',
        '/robots.txt',
        '/static/',
        '/assets/',
      ]),
    /** Extra patterns added to the defaults above. */
    extraPaths: z.array(pattern).default([]),
    /** Skip known crawlers and health checkers by user agent; or give your own patterns. */
    crawlers: z.union([z.boolean(), z.array(pattern)]).default(true),
  })
  .strict();

export const storeOptionsSchema = z
  .object({
    /** `'memory'` (one node) or a Redis URL: `redis://`, `redis+sentinel://h:p,h:p/primary`, `redis+cluster://h:p,h:p`. */
    backend: z.string().default('memory'),
    /** Name of this app server in metrics and events. */
    instance: z.string().min(1).default(`${os.hostname()}:${process.pid}`),
    /** Prefix of every Redis key (see the key layout). */
    keyPrefix: z.string().default('po:sess:'),
    /** Replicas that must acknowledge each session write (Redis `WAIT`); 0 = none. */
    minReplicas: z.number().int().min(0).default(0),
    /** How long a write waits for replica acknowledgement before failing with 503. */
    replicaAckTimeoutMs: z.number().int().positive().default(1000),
    /** Longest a single Redis command may take. */
    commandTimeoutMs: z.number().int().positive().default(1000),
    /** ioredis auto-pipelining: batches parallel requests' commands into one write, at the price of a setImmediate per command. */
    autoPipelining: z.boolean().default(false),
    /** Longest an operation keeps retrying through a failover before answering 503. */
    failoverTimeoutMs: z.number().int().positive().default(10_000),
    /** Session lifetime when the cookie sets none (a browser-session cookie). */
    defaultTtlSeconds: z.number().int().positive().default(86_400),
    /** What happens when a user logs in while already logged in elsewhere. */
    duplicateLogin: z.enum(['allow', 'expire-oldest', 'reject-new']).default('allow'),
    /** Sessions a user may hold at once under `expire-oldest` and `reject-new`. */
    maxSessionsPerUser: z.number().int().positive().default(1),
    /** Session field holding the logged-in user's id; setting it is a login, removing it a logout. */
    userField: z.string().min(1).default('userId'),
    /** How long a destroyed session stays dead (refusing late writes) and can tell why it ended. */
    tombstoneSeconds: z.number().int().positive().default(3600),
    /** Which requests get no session at all (counted as `sessionsAvoided`). */
    filter: filterOptionsSchema.default({}),
    /** Collector base URL for session events, e.g. `http://127.0.0.1:4318`; unset = no events. */
    collector: z.string().url().optional(),
    /** Largest event batch per POST. */
    collectorBatchSize: z.number().int().positive().default(500),
    /** Events waiting beyond this are dropped (and counted), so a dead collector costs bounded memory. */
    collectorQueueLimit: z.number().int().positive().default(10_000),
    /** How often queued events are sent. */
    collectorFlushMs: z.number().int().positive().default(1000),
    /** Longest one POST to the collector may take. */
    collectorTimeoutMs: z.number().int().positive().default(2000),
    /** At most one `touched` event per session per this interval. */
    touchEventIntervalSeconds: z.number().int().min(0).default(60),
    /** How often metrics are published, `activeSessions` reported and expiries detected. */
    metricsIntervalMs: z.number().int().positive().default(10_000),
    /** How often the shared active-session index is updated (off the request path). */
    indexFlushMs: z.number().int().positive().default(500),
  })
  .strict();

export type SessionStoreOptions = z.input<typeof storeOptionsSchema>;
export type ParsedStoreOptions = z.output<typeof storeOptionsSchema>;
export type FilterOptions = z.output<typeof filterOptionsSchema>;

export function parseStoreOptions(input: SessionStoreOptions | undefined): ParsedStoreOptions {
  const r = storeOptionsSchema.safeParse(input ?? {});
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
    throw new SessionStoreError('invalid_option', `invalid session store options:\n- ${problems.join('\n- ')}`);
  }
  const o = r.data;
  if (o.minReplicas > 0 && o.backend === 'memory') {
    throw new SessionStoreError(
      'invalid_option',
      'invalid session store options:\n- minReplicas: needs a Redis backend',
    );
  }
  return o;
}
