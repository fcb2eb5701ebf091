/**
 * Options of the traffic simulator, parsed once with zod; every option has a default and a one-line
 * doc. The demo and the tests build their simulators from these.
 */
import { z } from 'zod';

export const yearlyEventSchema = z.object({
  /** What the event is, for answers and docs ("year-end tax settlement", "big sale"). */
  name: z.string().default('year-end tax settlement'),
  /** First day of the event, local month 1-12 and day 1-31. */
  month: z.number().int().min(1).max(12).default(1),
  day: z.number().int().min(1).max(31).default(15),
  /** How many days it lasts. */
  days: z.number().int().min(1).max(31).default(5),
  /** Load multiplier during business hours of those days. */
  factor: z.number().positive().default(1.8),
});

export const simOptionsSchema = z.object({
  /** Seed: the same seed and time range give the same output. */
  seed: z.number().int().default(42),
  /** IANA time zone of the users' calendar (hour of day, weekday, month end). */
  timeZone: z.string().default('Asia/Seoul'),
  /** Instance names; traffic is spread over them with sticky sessions. */
  instances: z.array(z.string().min(1)).min(1).default(['was1', 'was2', 'was3', 'was4']),
  /** Registered users in the population. */
  users: z.number().int().min(10).default(6000),
  /** Concurrent users (all instances) at a normal weekday's busiest moment. */
  peakCcu: z.number().positive().default(500),
  /** Active window W of the CCU definition, seconds. */
  activeWindowSeconds: z.number().int().positive().default(300),
  /** Idle timeout after which the app server expires a session, seconds. */
  sessionTimeoutSeconds: z.number().int().positive().default(1800),
  /** Share of users whose browsers refuse the persistent visitor cookie. */
  cookielessShare: z.number().min(0).max(1).default(0.07),
  /** Share of users working from one of the NAT offices (one public IP per office). */
  officeShare: z.number().min(0).max(1).default(0.65),
  /** Number of NAT offices. */
  offices: z.number().int().min(1).default(5),
  /** Share of visits that stay anonymous (never log in). */
  anonymousShare: z.number().min(0).max(1).default(0.08),
  /** Crawlers and probes (no cookies, bot user agents). */
  crawlers: z.number().int().min(0).max(8).default(4),
  /** Yearly growth of the load, so "this time last year" differs from now. */
  yearlyGrowth: z.number().default(0.15),
  yearlyEvent: yearlyEventSchema.default({}),
  /** Interval of the generated infrastructure metric samples, seconds. */
  metricIntervalSeconds: z.number().int().positive().default(10),
});

export type SimOptions = z.infer<typeof simOptionsSchema>;
export type SimOptionsInput = z.input<typeof simOptionsSchema>;
export type YearlyEvent = z.infer<typeof yearlyEventSchema>;

export function parseSimOptions(input: SimOptionsInput = {}): SimOptions {
  return simOptionsSchema.parse(input);
}
