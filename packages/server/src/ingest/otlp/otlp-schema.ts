/**
 * The OTLP/JSON shapes PromptOps reads, as zod schemas applied per record (span, data point, log
 * record), so one malformed record is rejected and counted while its neighbours are kept. Accepts
 * what the spec and real exporters send: hex or base64 ids, int64 as strings or numbers, enums as
 * integers or names. Keys are camelCase here; snake_case payloads are renamed before parsing.
 */
import { z } from 'zod';

export type AttrValue = string | number | boolean | null | AttrValue[] | { [key: string]: AttrValue };

export interface AnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number | string;
  bytesValue?: string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: KeyValue[] };
}

export interface KeyValue {
  key: string;
  value?: AnyValue;
}

const int64 = z.union([z.string().regex(/^-?\d+$/), z.number().int()]);

// The recursive schemas are built once; `z.lazy` only defers the reference. (A getter that built a
// new z.object on every call rebuilt the schema per attribute value: most of OTLP decode time.)
export const anyValueSchema: z.ZodType<AnyValue> = z.lazy(() => anyValueObject);
export const keyValueSchema: z.ZodType<KeyValue> = z.lazy(() => keyValueObject);
const anyValueObject: z.ZodType<AnyValue> = z.object({
  stringValue: z.string().optional(),
  boolValue: z.boolean().optional(),
  intValue: int64.optional(),
  doubleValue: z.union([z.number(), z.string()]).optional(),
  bytesValue: z.string().optional(),
  arrayValue: z.object({ values: z.array(anyValueSchema).optional() }).optional(),
  kvlistValue: z.object({ values: z.array(keyValueSchema).optional() }).optional(),
});
const keyValueObject: z.ZodType<KeyValue> = z.object({ key: z.string(), value: anyValueSchema.optional() });

export const attributesSchema = z.array(keyValueSchema).optional().default([]);

/** Epoch nanoseconds (string or number) → epoch milliseconds. */
export const nanosToMs = z.union([z.string().regex(/^\d+$/), z.number().nonnegative()]).transform((v) => {
  // Split the digits so milliseconds keep their sub-ms part exactly (a double of the whole
  // nanosecond count is only good to ~256 ns, which shows in durations).
  const s = typeof v === 'number' ? BigInt(Math.round(v)).toString() : v;
  return s.length <= 6 ? Number(s) / 1e6 : Number(s.slice(0, -6)) + Number(s.slice(-6)) / 1e6;
});

/** A trace (16-byte) or span (8-byte) id, in hex as the spec says or base64 as some exporters send. */
function idSchema(bytes: number) {
  return z.string().transform((v, ctx) => {
    if (v.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(v)) return v.toLowerCase();
    if (v.length === 0) return '';
    const raw = Buffer.from(v, 'base64');
    if (raw.length === bytes && /^[A-Za-z0-9+/]+=*$/.test(v)) return raw.toString('hex');
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a ${bytes}-byte id: '${v.slice(0, 40)}'` });
    return z.NEVER;
  });
}
export const traceIdSchema = idSchema(16);
export const spanIdSchema = idSchema(8);

/** An enum given as its number or its name (`SPAN_KIND_SERVER`, `SERVER`). */
export function enumSchema(names: readonly string[], prefix: string) {
  return z.union([z.number().int(), z.string()]).transform((v, ctx) => {
    if (typeof v === 'number') return v;
    const name = v.toUpperCase();
    const i = names.indexOf(name.startsWith(prefix) ? name.slice(prefix.length) : name);
    if (i >= 0) return i;
    if (/^\d+$/.test(v)) return Number(v);
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown ${prefix.toLowerCase()}value '${v}'` });
    return z.NEVER;
  });
}

export const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
export const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;
export const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;

export const resourceSchema = z
  .object({ attributes: attributesSchema })
  .optional()
  .transform((r) => r ?? { attributes: [] });

export const eventSchema = z.object({
  timeUnixNano: nanosToMs.optional(),
  name: z.string().optional().default(''),
  attributes: attributesSchema,
});

export const spanSchema = z.object({
  traceId: traceIdSchema,
  spanId: spanIdSchema,
  parentSpanId: spanIdSchema.optional(),
  name: z.string().optional().default(''),
  kind: enumSchema(SPAN_KINDS, 'SPAN_KIND_').optional().default(0),
  startTimeUnixNano: nanosToMs,
  endTimeUnixNano: nanosToMs,
  attributes: attributesSchema,
  events: z.array(eventSchema).optional().default([]),
  status: z
    .object({ code: enumSchema(STATUS_CODES, 'STATUS_CODE_').optional().default(0), message: z.string().optional() })
    .optional()
    .default({}),
});
export type OtlpSpan = z.output<typeof spanSchema>;

export const numberDataPointSchema = z.object({
  timeUnixNano: nanosToMs.optional(),
  startTimeUnixNano: nanosToMs.optional(),
  asDouble: z.union([z.number(), z.string()]).optional(),
  asInt: int64.optional(),
  attributes: attributesSchema,
});
export type OtlpNumberDataPoint = z.output<typeof numberDataPointSchema>;

export const SEVERITY_PREFIX = 'SEVERITY_NUMBER_';

export const logRecordSchema = z.object({
  timeUnixNano: nanosToMs.optional(),
  observedTimeUnixNano: nanosToMs.optional(),
  severityNumber: z.union([z.number().int(), z.string()]).optional(),
  severityText: z.string().optional(),
  body: anyValueSchema.optional(),
  attributes: attributesSchema,
  traceId: traceIdSchema.optional(),
  spanId: spanIdSchema.optional(),
  eventName: z.string().optional(),
});
export type OtlpLogRecord = z.output<typeof logRecordSchema>;

/** The envelopes: arrays of records left unknown here, validated one by one by the decoders. */
const records = z.array(z.unknown()).optional().default([]);

export const tracesEnvelopeSchema = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.unknown(),
        scopeSpans: z
          .array(z.object({ spans: records }))
          .optional()
          .default([]),
      }),
    )
    .optional()
    .default([]),
});
export const metricsEnvelopeSchema = z.object({
  resourceMetrics: z
    .array(
      z.object({
        resource: z.unknown(),
        scopeMetrics: z
          .array(z.object({ metrics: records }))
          .optional()
          .default([]),
      }),
    )
    .optional()
    .default([]),
});
export const logsEnvelopeSchema = z.object({
  resourceLogs: z
    .array(
      z.object({
        resource: z.unknown(),
        scopeLogs: z
          .array(z.object({ logRecords: records }))
          .optional()
          .default([]),
      }),
    )
    .optional()
    .default([]),
});
