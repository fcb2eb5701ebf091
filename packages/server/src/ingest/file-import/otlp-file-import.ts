/**
 * OTLP files for `import otlp`: one export request per file (JSON, or protobuf with `--signal`), or
 * JSON Lines with one request per line as the OpenTelemetry Collector's file exporter writes them.
 * Each payload is decoded here (so the summary counts records the same way for both targets), then
 * handed to a local sink or POSTed unchanged to the server's `/v1/<signal>`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PromptOpsError } from '../../errors/promptops-error.js';
import type { IngestReport } from '../../model/telemetry.js';
import { decodeLogs } from '../otlp/decode-logs.js';
import { decodeMetrics } from '../otlp/decode-metrics.js';
import { decodeTraces } from '../otlp/decode-traces.js';
import type { OtlpDecodeOptions } from '../otlp/otlp-decode-options.js';
import type { OtlpEncoding, OtlpSignal } from '../otlp/otlp-payload.js';
import { PendingChildSpans } from '../otlp/pending-child-spans.js';
import type { ImportSink } from './import-sink.js';
import { foldSinkReport } from './import-sink.js';
import { postToServer } from './server-client.js';

export interface OtlpFilePayload {
  signal: OtlpSignal;
  encoding: OtlpEncoding;
  body: string | Uint8Array;
  /** 1-based line of a JSON Lines file (1 for whole-file payloads). */
  line: number;
}

const PROTOBUF_EXTENSIONS = new Set(['.pb', '.binpb', '.protobuf', '.proto3']);

function signalOf(value: unknown): OtlpSignal | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const keys = Object.keys(value);
  if (keys.includes('resourceSpans') || keys.includes('resource_spans')) return 'traces';
  if (keys.includes('resourceMetrics') || keys.includes('resource_metrics')) return 'metrics';
  if (keys.includes('resourceLogs') || keys.includes('resource_logs')) return 'logs';
  return undefined;
}

/** Payloads of a file, or per-line problems (unparsable JSON lines) as `{line, reason}`. */
export async function otlpFilePayloads(
  file: string,
  signal: OtlpSignal | undefined,
): Promise<(OtlpFilePayload | { line: number; reason: string })[]> {
  if (PROTOBUF_EXTENSIONS.has(path.extname(file).toLowerCase())) {
    if (!signal)
      throw new PromptOpsError('invalid_parameter', `${file}: protobuf files need --signal traces|metrics|logs`);
    return [{ signal, encoding: 'protobuf', body: await readFile(file), line: 1 }];
  }
  const text = await readFile(file, 'utf8');
  try {
    const whole: unknown = JSON.parse(text);
    const s = signal ?? signalOf(whole);
    if (!s)
      return [{ line: 1, reason: 'not an OTLP export request (no resourceSpans, resourceMetrics or resourceLogs)' }];
    return [{ signal: s, encoding: 'json', body: text, line: 1 }];
  } catch {
    // Not one JSON document: JSON Lines, one export request per line.
  }
  const out: (OtlpFilePayload | { line: number; reason: string })[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      out.push({ line: i + 1, reason: `invalid JSON: ${(err as Error).message}` });
      return;
    }
    const s = signal ?? signalOf(value);
    if (!s) out.push({ line: i + 1, reason: 'not an OTLP export request' });
    else out.push({ signal: s, encoding: 'json', body: line, line: i + 1 });
  });
  return out;
}

export interface OtlpTarget {
  write(payload: OtlpFilePayload): Promise<IngestReport>;
}

const CONTENT_TYPE: Record<OtlpEncoding, string> = { json: 'application/json', protobuf: 'application/x-protobuf' };

/** Decodes each payload; sends records to `sink`, or the payload itself to `server` when given. */
export function otlpTarget(to: { sink: ImportSink } | { server: string }, options: OtlpDecodeOptions = {}): OtlpTarget {
  const pending = new PendingChildSpans();
  const traceOptions = { ...options, pending };
  return {
    async write(p) {
      let report: IngestReport;
      const sink = 'sink' in to ? to.sink : undefined;
      switch (p.signal) {
        case 'traces': {
          const r = decodeTraces(p.body, p.encoding, traceOptions);
          if (sink && r.transactions.length > 0)
            foldSinkReport(r.report, sink.transactions(r.transactions), () => p.line);
          report = r.report;
          break;
        }
        case 'metrics': {
          const r = decodeMetrics(p.body, p.encoding, options);
          if (sink && r.samples.length > 0) foldSinkReport(r.report, sink.metrics(r.samples), () => p.line);
          report = r.report;
          break;
        }
        case 'logs': {
          const r = decodeLogs(p.body, p.encoding, options);
          if (sink && r.records.length > 0) foldSinkReport(r.report, sink.logs(r.records), () => p.line);
          report = r.report;
          break;
        }
      }
      if ('server' in to) await postToServer(to.server, `v1/${p.signal}`, p.body, CONTENT_TYPE[p.encoding]);
      return report;
    },
  };
}
