/**
 * The output of the deterministic question parser: the intent catalog of the product reference, the
 * typed parameters each intent takes, and the zod schema the LLM router and the REST edge reuse so
 * that parameters coming from a model are validated the same way as the parser's own.
 */
import { z } from 'zod';
import { USER_KEY_MODES } from '../../model/transaction.js';

/** Exactly the intent catalog of the product reference (the `intent` field of an ask answer). */
export const INTENT_NAMES = [
  'concurrent_users.now',
  'sessions.vs_users',
  'concurrent_users.compare',
  'concurrent_users.trend',
  'concurrent_users.stats',
  'capacity.recommend',
  'scaling.policy',
  'seasonality.peaks',
  'seasonality.weekday_weekend',
  'seasonality.period_compare',
  'servers.surge',
  'rca.cpu_spike',
  'rca.oom',
  'report.weekly',
  'report.monthly',
  'sla.report',
  'sessions.by_server',
  'users.current',
  'users.urls',
  'users.long_sessions',
  'security.abnormal_urls',
  'security.login_burst',
  'unknown',
] as const;
export type IntentName = (typeof INTENT_NAMES)[number];

export const REPORT_FORMATS = ['pdf', 'xlsx', 'csv', 'html'] as const;
export const STEPS = ['2s', '1m', '5m', '1h', '1d'] as const;
export const STATS = ['max', 'min', 'avg', 'p95'] as const;
export const BASELINE_KINDS = ['yesterday', 'last_week', 'last_month', 'last_year', 'date', 'earlier'] as const;

const timeRangeSchema = z.object({
  /** Inclusive start, ISO 8601 (UTC). */
  from: z.string(),
  /** Exclusive end, ISO 8601 (UTC). */
  to: z.string(),
  /** What the user said (or the default chosen), in the question's language: "어제 오후 3시". */
  echo: z.string(),
  /** True when the question named no period and the intent's default was used. */
  defaulted: z.boolean(),
});
export type TimeRange = z.infer<typeof timeRangeSchema>;

const baselineSchema = timeRangeSchema.extend({ kind: z.enum(BASELINE_KINDS) });
export type Baseline = z.infer<typeof baselineSchema>;

const scaleUpSchema = z.object({
  above: z.number(),
  add: z.number().int().positive().optional(),
  to: z.number().int().positive().optional(),
});
const scaleDownSchema = z.object({
  below: z.number(),
  remove: z.number().int().positive().optional(),
  to: z.number().int().positive().optional(),
});
export const scalingRuleSchema = z.object({ scaleUp: scaleUpSchema.optional(), scaleDown: scaleDownSchema.optional() });
export type ScalingRule = z.infer<typeof scalingRuleSchema>;

/** Every parameter any intent takes; each intent uses the subset listed in INTENT_PARAM_KEYS. */
export const questionParamsSchema = z
  .object({
    /** The instant asked about, ISO 8601: now, or the start of a named hour ("어제 오후 3시에 몇 명"). */
    at: z.string(),
    /** The period asked about (for compare: the subject period). On `at` intents only when one was named. */
    range: timeRangeSchema,
    /** For comparisons: the period compared against, same length as `range`. */
    baseline: baselineSchema,
    /** Instance names (`was1`), lower-cased unless matched against the known instances. */
    instances: z.array(z.string()),
    /** "2번 서버" when no known instance list resolved it: the integrator maps ordinals to names. */
    instanceOrdinals: z.array(z.number().int().positive()),
    /** Authenticated user id named in the question. */
    userId: z.string(),
    /** Session count stated in the question ("세션이 10만인데"). */
    sessions: z.number(),
    /** Concurrent users to plan for ("10만 명이면 서버 몇 대"). */
    targetUsers: z.number(),
    /** Current server count stated ("서버 4대"). */
    servers: z.number().int().positive(),
    /** Minimum session length ("1시간 이상"), milliseconds. */
    minDurationMs: z.number().int().positive(),
    format: z.enum(REPORT_FORMATS),
    scaling: scalingRuleSchema,
    /** The user identification mode asked for ("쿠키 기준", "by IP"); absent = the collector's default. */
    mode: z.enum(USER_KEY_MODES),
    /** Two or more modes named together ("IP 기준이랑 쿠키 기준 차이"): show them side by side (NAT, churn). */
    modes: z.array(z.enum(USER_KEY_MODES)).min(2),
    step: z.enum(STEPS),
    stat: z.enum(STATS),
  })
  .partial()
  .strict();
export type QuestionParams = z.infer<typeof questionParamsSchema>;
export type ParamKey = keyof QuestionParams;

/** Which parameters each intent takes: the parser keeps only these, so `params` never carries noise. */
export const INTENT_PARAM_KEYS = {
  'concurrent_users.now': ['at', 'range', 'instances', 'instanceOrdinals', 'mode', 'modes'],
  'sessions.vs_users': ['at', 'range', 'sessions', 'instances', 'instanceOrdinals', 'mode'],
  'concurrent_users.compare': ['range', 'baseline', 'instances', 'instanceOrdinals', 'mode', 'step'],
  'concurrent_users.trend': ['range', 'instances', 'instanceOrdinals', 'mode', 'modes', 'step'],
  'concurrent_users.stats': ['range', 'instances', 'instanceOrdinals', 'mode', 'modes', 'stat'],
  'capacity.recommend': ['range', 'targetUsers', 'servers', 'instances', 'instanceOrdinals'],
  'scaling.policy': ['scaling', 'mode', 'instances', 'instanceOrdinals'],
  'seasonality.peaks': ['range', 'instances', 'instanceOrdinals', 'mode', 'step'],
  'seasonality.weekday_weekend': ['range', 'instances', 'instanceOrdinals', 'mode'],
  'seasonality.period_compare': ['range', 'baseline', 'instances', 'instanceOrdinals', 'mode'],
  'servers.surge': ['range', 'instances', 'instanceOrdinals'],
  'rca.cpu_spike': ['range', 'instances', 'instanceOrdinals'],
  'rca.oom': ['range', 'instances', 'instanceOrdinals'],
  'report.weekly': ['range', 'format', 'instances', 'instanceOrdinals'],
  'report.monthly': ['range', 'format', 'instances', 'instanceOrdinals'],
  'sla.report': ['range', 'format', 'instances', 'instanceOrdinals'],
  'sessions.by_server': ['at', 'range', 'instances', 'instanceOrdinals'],
  'users.current': ['at', 'range', 'instances', 'instanceOrdinals', 'mode'],
  'users.urls': ['range', 'userId', 'instances', 'instanceOrdinals'],
  'users.long_sessions': ['at', 'range', 'minDurationMs', 'instances', 'instanceOrdinals'],
  'security.abnormal_urls': ['range', 'instances', 'instanceOrdinals'],
  'security.login_burst': ['range', 'instances', 'instanceOrdinals'],
  unknown: [],
} as const satisfies Record<IntentName, readonly ParamKey[]>;

export type ParamsOf<I extends IntentName> = Pick<QuestionParams, (typeof INTENT_PARAM_KEYS)[I][number]>;

export type Lang = 'ko' | 'en';

export interface IntentAlternative {
  intent: IntentName;
  confidence: number;
}

/** One parsed question: a union over intents so `params` is typed by `intent`. */
export type ParsedQuestion = {
  [I in IntentName]: {
    lang: Lang;
    intent: I;
    /** 0..1: how sure the parser is; below ~0.5 the engine should ask back or fall back to an LLM. */
    confidence: number;
    params: ParamsOf<I>;
    /** Runner-up intents with their confidence, best first (only when they came close). */
    alternatives?: IntentAlternative[];
    /** Why the question was classified `unknown` ("out_of_scope", "injection", "no_intent"). */
    reason?: string;
  };
}[IntentName];

export interface ParseOptions {
  /** The clock, epoch milliseconds: every relative time is resolved against it. */
  now: number;
  /** IANA time zone of the deployment; "어제" means yesterday there. Default Asia/Seoul. */
  timeZone?: string;
  /** Known instance names, used to resolve "2번 서버" and to keep their exact spelling. */
  instances?: readonly string[];
}
