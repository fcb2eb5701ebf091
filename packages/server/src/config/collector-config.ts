/**
 * The collector's configuration: one zod schema with a default and a one-line doc per option, parsed
 * once at start-up. A bad configuration fails fast with every problem listed (PromptOpsError
 * `invalid_parameter`), never at the first record.
 */
import { z } from 'zod';
import { PromptOpsError } from '../errors/promptops-error.js';
import { USER_KEY_MODES } from '../model/transaction.js';
import type { UserKeyMode } from '../model/transaction.js';
import type { RollupLevel } from '../rollup/rollup-row.js';
import { parseDurationMs } from './duration.js';

/** Retention keys: one per rollup level plus raw transactions (also used for metrics, logs, events). */
export type RetentionKey = RollupLevel | 'transactions';

const durationSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDurationMs(value);
  if (ms === undefined || ms <= 0) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a positive duration: ${String(value)} (e.g. 2h, 8d)` });
    return z.NEVER;
  }
  return ms;
});

const modeSchema = z.enum(USER_KEY_MODES);

/** `user,cookie,ip` or `['user','cookie','ip']`: the first mode is the default for answers. */
const modesSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value) =>
    (typeof value === 'string' ? value.split(',') : value).map((m) => m.trim().toLowerCase()).filter(Boolean),
  )
  .pipe(
    z
      .array(modeSchema)
      .min(1, 'at least one identification mode')
      .refine((modes) => new Set(modes).size === modes.length, 'modes must not repeat'),
  );

/** An IPv4/IPv6 address or CIDR block (`10.0.0.0/8`, `::1`). */
const proxySchema = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/, 'trusted proxy must be an IP address or CIDR block');

export const collectorConfigSchema = z
  .object({
    /** Data directory: holds `promptops.duckdb` and the ingest journal. */
    dataDir: z.string().min(1),
    /** Identification modes kept side by side; the first is the default for answers. */
    modes: modesSchema.default('ip'),
    /** Active window W of the CCU definition, seconds; a multiple of the 2 s bucket. */
    windowSeconds: z
      .number()
      .int()
      .min(2)
      .max(86_400)
      .refine((s) => s % 2 === 0, 'windowSeconds must be a multiple of 2')
      .default(300),
    /** HyperLogLog precision p (m = 2^p registers); 14 matches Redis and gives ±0.81 %. */
    precision: z.number().int().min(4).max(16).default(14),
    /** How long late transactions are waited for before a 2 s bucket's CCU gauge is sampled, seconds. */
    lateGraceSeconds: z.number().int().min(0).max(300).default(10),
    /** Retention per level and for raw rows (`2h`, `8d`, `400d` or milliseconds). */
    retention: z
      .object({
        '2s': durationSchema.default('2h'),
        '1m': durationSchema.default('8d'),
        '5m': durationSchema.default('35d'),
        '1h': durationSchema.default('400d'),
        transactions: durationSchema.default('8d'),
      })
      .default({}),
    /** Proxies whose `X-Forwarded-For` is honoured when resolving the client address. */
    trustedProxies: z.array(proxySchema).default([]),
    /** Journal fsync policy: `batch` = before each ingest call returns; `tick` = every 2 s; `off`. */
    fsync: z.enum(['batch', 'tick', 'off']).default('tick'),
    /** How often retention is enforced, seconds. */
    pruneIntervalSeconds: z.number().int().min(10).default(600),
  })
  .strict();

export type CollectorConfigInput = z.input<typeof collectorConfigSchema>;
export type CollectorConfig = z.output<typeof collectorConfigSchema>;

/** Parses options once; throws `invalid_parameter` listing every problem. */
export function parseCollectorConfig(input: unknown): CollectorConfig {
  const result = collectorConfigSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new PromptOpsError('invalid_parameter', `invalid collector configuration: ${problems.join('; ')}`, {
    details: { problems },
  });
}

/** The default answer mode of a configuration. */
export function defaultMode(config: CollectorConfig): UserKeyMode {
  return config.modes[0];
}
