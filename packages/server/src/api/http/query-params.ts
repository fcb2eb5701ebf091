/**
 * zod schemas for query-string values shared by the read endpoints: booleans, bounded integers,
 * instance names, time ranges. Query values arrive as strings; these turn them into typed values once.
 */
import { z } from 'zod';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { TimeRange } from '../../store/store.js';

export const instanceParam = z.string().min(1).max(256);

export const booleanParam = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A whole number in [min, max] given as a decimal string. */
export function intParam(min: number, max: number) {
  return z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).pipe(z.number().int().min(min).max(max));
}

/**
 * Resolves optional from/to against defaults: `to` defaults to now, `from` to `to − defaultSpanMs`.
 * An empty or inverted range is a client error, answered before any query runs.
 */
export function resolveRange(
  from: number | undefined,
  to: number | undefined,
  now: number,
  defaultSpanMs: number,
): TimeRange {
  const end = to ?? now;
  const start = from ?? end - defaultSpanMs;
  if (start >= end) {
    throw new PromptOpsError(
      'invalid_parameter',
      `'from' (${new Date(start).toISOString()}) must be before 'to' (${new Date(end).toISOString()})`,
    );
  }
  return { from: start, to: end };
}
