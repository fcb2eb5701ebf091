/**
 * SLA objectives, parsed once at the edge: availability (share of requests that did not fail) and latency
 * (share of requests faster than a threshold), each with a target, plus the burn-rate windows. Defaults
 * follow common SRE practice: 99.9 % available, 99 % under 1 s, burn rates over 1 h and 6 h.
 */
import { z } from 'zod';

export const slaObjectivesSchema = z.object({
  /** Target share of non-error requests, e.g. 0.999. */
  availability: z.number().gt(0).lt(1).default(0.999),
  /** Latency threshold in ms for the latency objective. */
  latencyThresholdMs: z.number().positive().default(1000),
  /** Target share of requests at or under the latency threshold. */
  latencyTarget: z.number().gt(0).lt(1).default(0.99),
  /** Windows (ms) over which the current burn rate is reported. */
  burnWindowsMs: z.array(z.number().positive()).default([3_600_000, 21_600_000]),
});

export type SlaObjectives = z.infer<typeof slaObjectivesSchema>;

export function parseSlaObjectives(input: unknown = {}): SlaObjectives {
  return slaObjectivesSchema.parse(input);
}
