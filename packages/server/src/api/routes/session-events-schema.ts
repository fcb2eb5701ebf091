/**
 * The wire form of session events (`POST /api/v1/ingest/session-events`): `{events:[…], gauges?:[…]}`
 * or a bare array; each event validated on its own, so one bad event is rejected with its position and
 * reason while the rest of the batch is accepted. `gauges` carries the session store's periodic
 * active-session counts (`metric: 'sessions'`), stored as the `sessions` infrastructure metric.
 */
import { z } from 'zod';
import { SESSION_EVENT_TYPES, type IngestReport, type MetricSample, type SessionEvent } from '../../model/telemetry.js';
import { emptyIngestReport, recordRejection } from '../../model/telemetry.js';

/** Upper bound on events per request: bounded work per request beyond the byte limit. */
export const MAX_SESSION_EVENTS_PER_REQUEST = 100_000;

/** Epoch ms below this (March 1973) are almost surely epoch *seconds* sent by mistake. */
const MIN_EPOCH_MS = 100_000_000_000;

const time = z
  .union([
    z
      .number()
      .finite()
      .nonnegative()
      .transform((n) => Math.trunc(n)),
    z.string().transform((s, ctx) => {
      const ms = /^\d{1,15}$/.test(s) ? Number(s) : Date.parse(s);
      if (!Number.isFinite(ms)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `'${s}' is not an ISO 8601 time or epoch milliseconds` });
        return z.NEVER;
      }
      return ms;
    }),
  ])
  .refine((ms) => ms >= MIN_EPOCH_MS, 'looks like epoch seconds; send epoch milliseconds or ISO 8601');

const nonEmpty = z.string().min(1).max(1024);

export const sessionEventSchema = z.object({
  type: z.enum(SESSION_EVENT_TYPES),
  time,
  instance: nonEmpty.optional(),
  sessionId: nonEmpty,
  userId: nonEmpty.optional(),
  clientIp: z.string().max(64).optional(),
  userAgent: z.string().max(4096).optional(),
  ttlSeconds: z.number().finite().nonnegative().optional(),
});

export const sessionGaugeSchema = z.object({
  time,
  instance: nonEmpty.optional(),
  metric: z.literal('sessions'),
  value: z.number().finite().nonnegative(),
});

const envelopeSchema = z.union([
  z.array(z.unknown()),
  z.object({ events: z.array(z.unknown()), gauges: z.array(z.unknown()).optional() }),
]);

/** Validates a decoded JSON body; returns the good events and the report of the bad ones. */
export function parseSessionEvents(
  body: unknown,
  defaultInstance: string | undefined,
): { events: SessionEvent[]; gauges: MetricSample[]; report: IngestReport } | { error: string } {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { error: 'expected {"events":[…]} or a JSON array of session events' };
  const items = Array.isArray(envelope.data) ? envelope.data : envelope.data.events;
  const rawGauges = Array.isArray(envelope.data) ? [] : (envelope.data.gauges ?? []);
  if (items.length + rawGauges.length > MAX_SESSION_EVENTS_PER_REQUEST) {
    return { error: `at most ${MAX_SESSION_EVENTS_PER_REQUEST} events per request (got ${items.length})` };
  }
  const report = emptyIngestReport();
  const events: SessionEvent[] = [];
  items.forEach((item, i) => {
    const parsed = sessionEventSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      recordRejection(report, i + 1, `${issue.path.join('.') || 'event'}: ${issue.message}`);
      return;
    }
    const { instance, ...rest } = parsed.data;
    const resolved = instance ?? defaultInstance;
    if (resolved === undefined) {
      recordRejection(report, i + 1, 'instance: required (in the event or as ?instance=)');
      return;
    }
    events.push({ ...dropUndefined(rest), instance: resolved });
    report.accepted++;
  });
  const gauges: MetricSample[] = [];
  rawGauges.forEach((item, i) => {
    // Gauges are numbered after the events so a rejection's position is unambiguous.
    const at = items.length + i + 1;
    const parsed = sessionGaugeSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      recordRejection(report, at, `gauges.${i}.${issue.path.join('.') || 'gauge'}: ${issue.message}`);
      return;
    }
    const instance = parsed.data.instance ?? defaultInstance;
    if (instance === undefined) {
      recordRejection(report, at, `gauges.${i}.instance: required (in the gauge or as ?instance=)`);
      return;
    }
    gauges.push({ time: parsed.data.time, instance, metric: 'sessions', value: parsed.data.value });
    report.accepted++;
  });
  return { events, gauges, report };
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
