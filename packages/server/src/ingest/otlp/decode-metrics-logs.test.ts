/** Metric and log decoding: official examples, JVM/host metric mapping, OOM logs, both encodings. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeLogs, severityOf } from './decode-logs.js';
import { decodeMetrics } from './decode-metrics.js';
import { encodeOtlpProtobuf } from './otlp-test-encoding.js';

const DATA = path.resolve(fileURLToPath(new URL('../../../../../', import.meta.url)), '../shared/data/otlp_json');
const haveData = existsSync(DATA);
if (!haveData) console.warn(`OTLP fixture tests skipped: ${DATA} is absent`);

const T = '1735787045000000000';
const T_MS = 1735787045000;
const attr = (key: string, v: string) => ({ key, value: { stringValue: v } });
const gauge = (name: string, points: { v: number; a?: { key: string; value: { stringValue: string } }[] }[]) => ({
  name,
  gauge: { dataPoints: points.map((p) => ({ timeUnixNano: T, asDouble: p.v, attributes: p.a ?? [] })) },
});
const sum = (name: string, points: { v: number; a?: { key: string; value: { stringValue: string } }[] }[]) => ({
  name,
  sum: {
    aggregationTemporality: 'AGGREGATION_TEMPORALITY_CUMULATIVE',
    dataPoints: points.map((p) => ({ timeUnixNano: T, asInt: String(p.v), attributes: p.a ?? [] })),
  },
});

const JVM_HOST = {
  resourceMetrics: [
    {
      resource: { attributes: [attr('service.name', 'shop'), attr('service.instance.id', 'shop-1')] },
      scopeMetrics: [
        {
          metrics: [
            gauge('jvm.cpu.recent_utilization', [{ v: 0.42 }]),
            sum('jvm.memory.used', [
              { v: 300, a: [attr('jvm.memory.type', 'heap'), attr('jvm.memory.pool.name', 'G1 Eden Space')] },
              { v: 700, a: [attr('jvm.memory.type', 'heap'), attr('jvm.memory.pool.name', 'G1 Old Gen')] },
              { v: 5000, a: [attr('jvm.memory.type', 'non_heap'), attr('jvm.memory.pool.name', 'Metaspace')] },
            ]),
            sum('jvm.memory.limit', [
              { v: 4000, a: [attr('jvm.memory.type', 'heap'), attr('jvm.memory.pool.name', 'G1 Old Gen')] },
              { v: -1, a: [attr('jvm.memory.type', 'heap'), attr('jvm.memory.pool.name', 'G1 Eden Space')] },
            ]),
            { name: 'http.server.request.duration', histogram: { dataPoints: [{ timeUnixNano: T, count: '3' }] } },
          ],
        },
      ],
    },
    {
      resource: { attributes: [attr('host.name', 'db-host')] },
      scopeMetrics: [
        {
          metrics: [
            gauge('system.cpu.utilization', [
              { v: 0.25, a: [attr('cpu', '0'), attr('state', 'idle')] },
              { v: 0.75, a: [attr('cpu', '1'), attr('state', 'idle')] },
            ]),
            sum('system.memory.usage', [
              { v: 600, a: [attr('state', 'used')] },
              { v: 400, a: [attr('state', 'free')] },
            ]),
            gauge('some.other.metric', [{ v: 1 }]),
            { name: 'broken' },
          ],
        },
      ],
    },
  ],
};

describe('decodeMetrics', () => {
  it('maps JVM and host metrics to cpu, heap and memory with limits', () => {
    for (const body of [JSON.stringify(JVM_HOST), encodeOtlpProtobuf('metrics', JVM_HOST)]) {
      const { samples, report } = decodeMetrics(body, typeof body === 'string' ? 'json' : 'protobuf');
      expect(samples).toEqual(
        expect.arrayContaining([
          { time: T_MS, instance: 'shop-1', metric: 'cpu', value: 0.42 },
          { time: T_MS, instance: 'shop-1', metric: 'heap', value: 1000, limit: 4000 },
          { time: T_MS, instance: 'db-host', metric: 'cpu', value: 0.5 },
          { time: T_MS, instance: 'db-host', metric: 'memory', value: 600, limit: 1000 },
        ]),
      );
      expect(samples).toHaveLength(4);
      expect(report.ignored).toEqual({
        'histogram-or-summary-point': 1,
        'unmapped-metric-point': 1,
        'filtered-metric-point': 1,
        'undefined-limit-point': 1,
      });
    }
  });

  it.skipIf(!haveData)('decodes the official metrics example (nothing there is infrastructure)', () => {
    const { samples, report } = decodeMetrics(
      readFileSync(path.join(DATA, 'opentelemetry-proto_examples/metrics.json')),
      'json',
    );
    expect(samples).toEqual([]);
    expect(report.rejected).toBe(0);
    expect(report.ignored).toEqual({ 'unmapped-metric-point': 2, 'histogram-or-summary-point': 2 });
  });

  it('rejects points without a value or time, counting them', () => {
    const body = JSON.stringify({
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'process.cpu.utilization',
                  gauge: { dataPoints: [{ asDouble: 0.5 }, { timeUnixNano: T, asDouble: 0.5 }] },
                },
              ],
            },
          ],
        },
      ],
    });
    const { samples, report } = decodeMetrics(body, 'json');
    expect(samples).toEqual([{ time: T_MS, instance: 'unknown', metric: 'cpu', value: 0.5 }]);
    expect(report.rejections).toEqual([
      { at: 1, reason: 'process.cpu.utilization: point without a finite value and time' },
    ]);
  });
});

const OOM_LOGS = {
  resourceLogs: [
    {
      resource: { attributes: [attr('service.name', 'shop'), attr('host.name', 'was-3')] },
      scopeLogs: [
        {
          logRecords: [
            {
              timeUnixNano: T,
              severityNumber: 'SEVERITY_NUMBER_FATAL',
              body: { stringValue: 'Java heap space' },
              attributes: [
                attr('exception.type', 'java.lang.OutOfMemoryError'),
                attr('exception.message', 'Java heap space'),
              ],
              traceId: '0af7651916cd43dd8448eb211c80319c',
              spanId: 'b7ad6b7169203331',
            },
            {
              observedTimeUnixNano: T,
              severityText: 'warning',
              body: { kvlistValue: { values: [{ key: 'a', value: { intValue: '1' } }] } },
            },
            { severityText: 'INFO', body: { stringValue: 'no time' } },
          ],
        },
      ],
    },
  ],
};

describe('decodeLogs', () => {
  it('keeps severity, body, exception attributes and ids in both encodings', () => {
    for (const [body, enc] of [
      [JSON.stringify(OOM_LOGS), 'json'],
      [
        encodeOtlpProtobuf('logs', {
          ...OOM_LOGS,
          resourceLogs: [
            {
              ...OOM_LOGS.resourceLogs[0],
              scopeLogs: [
                {
                  logRecords: OOM_LOGS.resourceLogs[0].scopeLogs[0].logRecords.map((r) => ({
                    ...r,
                    severityNumber: r.severityNumber ? 21 : undefined,
                  })),
                },
              ],
            },
          ],
        }),
        'protobuf',
      ],
    ] as const) {
      const { records, report } = decodeLogs(body, enc);
      expect(records[0]).toEqual({
        time: T_MS,
        instance: 'was-3',
        service: 'shop',
        severity: 'FATAL',
        body: 'Java heap space',
        exceptionType: 'java.lang.OutOfMemoryError',
        exceptionMessage: 'Java heap space',
        traceId: '0af7651916cd43dd8448eb211c80319c',
        spanId: 'b7ad6b7169203331',
      });
      expect(records[1]).toMatchObject({ severity: 'WARN', body: '{"a":1}' });
      expect(report.rejections).toEqual([{ at: 3, reason: 'log record without timeUnixNano or observedTimeUnixNano' }]);
    }
  });

  it.skipIf(!haveData)('decodes the official logs and events examples', () => {
    for (const f of ['logs.json', 'events.json']) {
      const { records, report } = decodeLogs(readFileSync(path.join(DATA, 'opentelemetry-proto_examples', f)), 'json');
      expect(report.rejected).toBe(0);
      expect(records.length).toBe(report.accepted);
      expect(records[0]).toMatchObject({ instance: 'my.service', time: 1544712660300 });
    }
  });

  it('normalises severities', () => {
    expect(severityOf(17, undefined)).toBe('ERROR');
    expect(severityOf('SEVERITY_NUMBER_WARN2', undefined)).toBe('WARN');
    expect(severityOf(undefined, 'Information')).toBe('INFO');
    expect(severityOf(undefined, 'SEVERE')).toBe('ERROR');
  });
});
