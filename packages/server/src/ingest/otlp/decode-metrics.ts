/**
 * OTLP metrics → infrastructure MetricSamples (cpu 0..1, memory and heap bytes with limits, active
 * sessions). Only gauge and sum points of known metric names are used; histograms, summaries and
 * other names are counted in `report.ignored`. Points of one metric at one timestamp are combined
 * (per-state and per-pool points summed), so one sample stands for one instance at one time.
 * Report counts are per data point.
 */
import type { IngestReport, InfraMetric, MetricSample } from '../../model/telemetry.js';
import { emptyIngestReport, recordIgnored, recordRejection } from '../../model/telemetry.js';
import { attributeMap, resourceIdentity } from './otlp-attributes.js';
import type { OtlpDecodeOptions } from './otlp-decode-options.js';
import { resolveOtlpOptions } from './otlp-decode-options.js';
import type { OtlpEncoding } from './otlp-payload.js';
import { decodeOtlpPayload } from './otlp-payload.js';
import type { OtlpNumberDataPoint } from './otlp-schema.js';
import { metricsEnvelopeSchema, numberDataPointSchema, resourceSchema } from './otlp-schema.js';
import { envelopeOrThrow, issueText } from './envelope.js';
import { z } from 'zod';

/**
 * How each understood metric feeds a product metric. `priority`: when several sources of the same
 * product metric come from one resource, the lowest wins (the process's own figures before the host's).
 */
interface MetricRule {
  metric: InfraMetric;
  role: 'value' | 'limit';
  priority: number;
  /** Which points count: e.g. only `state=used`, only heap pools. */
  keep?: (attrs: Map<string, unknown>) => boolean;
  /** cpu utilisation split by state: busy = total minus idle states. */
  cpuStates?: boolean;
  /** Memory split by state: the sum over all states is the limit. */
  stateTotalIsLimit?: boolean;
}

const heap = (a: Map<string, unknown>) => (a.get('jvm.memory.type') ?? a.get('type')) === 'heap';
const stateOf = (a: Map<string, unknown>) =>
  a.get('state') ?? a.get('system.memory.state') ?? a.get('system.cpu.state') ?? a.get('cpu.mode');

export const METRIC_RULES: Record<string, MetricRule> = {
  'jvm.cpu.recent_utilization': { metric: 'cpu', role: 'value', priority: 0 },
  'process.cpu.utilization': { metric: 'cpu', role: 'value', priority: 1, cpuStates: true },
  'process.runtime.jvm.cpu.utilization': { metric: 'cpu', role: 'value', priority: 0 },
  'system.cpu.utilization': { metric: 'cpu', role: 'value', priority: 2, cpuStates: true },
  'process.memory.usage': { metric: 'memory', role: 'value', priority: 0 },
  'system.memory.usage': { metric: 'memory', role: 'value', priority: 1, stateTotalIsLimit: true },
  'system.memory.limit': { metric: 'memory', role: 'limit', priority: 1 },
  'jvm.memory.used': { metric: 'heap', role: 'value', priority: 0, keep: heap },
  'jvm.memory.limit': { metric: 'heap', role: 'limit', priority: 0, keep: heap },
  'process.runtime.jvm.memory.usage': { metric: 'heap', role: 'value', priority: 1, keep: heap },
  'process.runtime.jvm.memory.limit': { metric: 'heap', role: 'limit', priority: 1, keep: heap },
  'v8js.memory.heap.used': { metric: 'heap', role: 'value', priority: 2 },
  'v8js.memory.heap.limit': { metric: 'heap', role: 'limit', priority: 2 },
  'tomcat.sessions': { metric: 'sessions', role: 'value', priority: 0 },
  'promptops.sessions.active': { metric: 'sessions', role: 'value', priority: 0 },
};

const metricSchema = z.object({
  name: z.string(),
  gauge: z.object({ dataPoints: z.array(z.unknown()).optional().default([]) }).optional(),
  sum: z.object({ dataPoints: z.array(z.unknown()).optional().default([]) }).optional(),
  histogram: z.object({ dataPoints: z.array(z.unknown()).optional().default([]) }).optional(),
  exponentialHistogram: z.object({ dataPoints: z.array(z.unknown()).optional().default([]) }).optional(),
  summary: z.object({ dataPoints: z.array(z.unknown()).optional().default([]) }).optional(),
});

function pointValue(p: OtlpNumberDataPoint): number {
  return p.asDouble !== undefined ? Number(p.asDouble) : p.asInt !== undefined ? Number(p.asInt) : NaN;
}

/** Combined points of one rule at one timestamp for one resource. */
interface Acc {
  rule: MetricRule;
  time: number;
  sum: number;
  idle: number;
  cpus: Set<unknown>;
  stateTotal: number;
  sawState: boolean;
}

export function decodeMetrics(
  body: Uint8Array | string,
  contentType: OtlpEncoding,
  options: OtlpDecodeOptions = {},
): { samples: MetricSample[]; report: IngestReport } {
  const o = resolveOtlpOptions(options);
  const envelope = envelopeOrThrow(metricsEnvelopeSchema, decodeOtlpPayload(body, contentType, 'metrics'), 'metrics');
  const report = emptyIngestReport();
  const samples: MetricSample[] = [];
  let at = 0;
  for (const rm of envelope.resourceMetrics) {
    const res = resourceSchema.safeParse(rm.resource);
    const { instance } = resourceIdentity(attributeMap(res.success ? res.data.attributes : []), o.fallbackInstance);
    const accs = new Map<string, Acc>();
    for (const sm of rm.scopeMetrics) {
      for (const raw of sm.metrics) {
        const m = metricSchema.safeParse(raw);
        if (!m.success) {
          recordRejection(report, ++at, `metric: ${issueText(m.error)}`);
          continue;
        }
        const { name } = m.data;
        const unusable = m.data.histogram ?? m.data.exponentialHistogram ?? m.data.summary;
        if (unusable) {
          at += unusable.dataPoints.length;
          recordIgnored(report, 'histogram-or-summary-point', unusable.dataPoints.length);
          continue;
        }
        const points = (m.data.gauge ?? m.data.sum)?.dataPoints ?? [];
        const rule = METRIC_RULES[name];
        if (!rule) {
          at += points.length;
          recordIgnored(report, 'unmapped-metric-point', points.length);
          continue;
        }
        for (const rawPoint of points) {
          at++;
          const pp = numberDataPointSchema.safeParse(rawPoint);
          const value = pp.success ? pointValue(pp.data) : NaN;
          if (!pp.success || !Number.isFinite(value) || pp.data.timeUnixNano === undefined) {
            recordRejection(
              report,
              at,
              pp.success ? `${name}: point without a finite value and time` : `${name}: ${issueText(pp.error)}`,
            );
            continue;
          }
          const attrs = attributeMap(pp.data.attributes);
          if (rule.role === 'limit' && value < 0) {
            // JVM pools without a maximum report -1: no limit, not a negative one.
            recordIgnored(report, 'undefined-limit-point');
            continue;
          }
          const state = stateOf(attrs);
          if (rule.stateTotalIsLimit || rule.cpuStates || !rule.keep || rule.keep(attrs)) report.accepted++;
          else {
            recordIgnored(report, 'filtered-metric-point');
            continue;
          }
          const key = `${name}\u0000${pp.data.timeUnixNano}`;
          let acc = accs.get(key);
          if (!acc) {
            acc = {
              rule,
              time: pp.data.timeUnixNano,
              sum: 0,
              idle: 0,
              cpus: new Set(),
              stateTotal: 0,
              sawState: false,
            };
            accs.set(key, acc);
          }
          if (rule.cpuStates) {
            acc.cpus.add(attrs.get('cpu') ?? attrs.get('system.cpu.logical_number') ?? 0);
            if (state === 'idle') acc.idle += value;
            else acc.sum += value;
          } else if (rule.stateTotalIsLimit && state !== undefined) {
            acc.sawState = true;
            acc.stateTotal += value;
            if (state === 'used') acc.sum += value;
          } else {
            acc.sum += value;
          }
        }
      }
    }
    samples.push(...combine(instance, accs));
  }
  return { samples, report };
}

/** One sample per (product metric, time), from the highest-priority source present, with its limit. */
function combine(instance: string, accs: Map<string, Acc>): MetricSample[] {
  const best = new Map<string, MetricSample & { priority: number }>();
  const limits = new Map<string, { priority: number; value: number }>();
  for (const acc of accs.values()) {
    const key = `${acc.rule.metric}\u0000${acc.time}`;
    if (acc.rule.role === 'limit') {
      const cur = limits.get(key);
      if (!cur || acc.rule.priority < cur.priority) limits.set(key, { priority: acc.rule.priority, value: acc.sum });
      continue;
    }
    let value = acc.sum;
    if (acc.rule.cpuStates && acc.cpus.size > 0)
      value = acc.idle > 0 && acc.sum === 0 ? 1 - acc.idle / acc.cpus.size : acc.sum / acc.cpus.size;
    const cur = best.get(key);
    if (cur && cur.priority <= acc.rule.priority) continue;
    best.set(key, {
      time: acc.time,
      instance,
      metric: acc.rule.metric,
      value,
      limit: acc.sawState ? acc.stateTotal : undefined,
      priority: acc.rule.priority,
    });
  }
  return [...best.entries()].map(([key, { priority, ...sample }]) => {
    const limit = limits.get(key);
    if (limit && limit.priority === priority) sample.limit = limit.value;
    if (sample.limit === undefined || !(sample.limit > 0)) delete sample.limit;
    return sample;
  });
}
