/**
 * OTLP logs → LogRecords: severity (normalised to TRACE/DEBUG/INFO/WARN/ERROR/FATAL from the number,
 * else the upper-cased text), body as text, `exception.type`/`exception.message` attributes (so an
 * `java.lang.OutOfMemoryError` log can be tied to the requests around it), trace and span ids.
 * Report counts are per log record.
 */
import type { IngestReport, LogRecord } from '../../model/telemetry.js';
import { emptyIngestReport, recordRejection } from '../../model/telemetry.js';
import { anyValueToJs, attributeMap, resourceIdentity, str } from './otlp-attributes.js';
import type { OtlpDecodeOptions } from './otlp-decode-options.js';
import { resolveOtlpOptions } from './otlp-decode-options.js';
import type { OtlpEncoding } from './otlp-payload.js';
import { decodeOtlpPayload } from './otlp-payload.js';
import { logRecordSchema, logsEnvelopeSchema, resourceSchema, SEVERITY_PREFIX } from './otlp-schema.js';
import { envelopeOrThrow, issueText } from './envelope.js';

const SEVERITY_RANGES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
const TEXT_ALIASES: Record<string, string> = {
  INFORMATION: 'INFO',
  WARNING: 'WARN',
  SEVERE: 'ERROR',
  CRITICAL: 'FATAL',
  ERR: 'ERROR',
  FINE: 'DEBUG',
  FINER: 'TRACE',
  FINEST: 'TRACE',
};
const MAX_BODY = 8192;

/** `severityNumber` 1-24 (or its `SEVERITY_NUMBER_*` name) → range name; else the text; else ''. */
export function severityOf(number: number | string | undefined, text: string | undefined): string {
  let n = typeof number === 'number' ? number : NaN;
  if (typeof number === 'string') {
    const name = number.toUpperCase().replace(SEVERITY_PREFIX, '');
    n = /^\d+$/.test(name) ? Number(name) : SEVERITY_RANGES.indexOf(name.replace(/\d+$/, '') as never) * 4 + 1;
  }
  if (n >= 1 && n <= 24) return SEVERITY_RANGES[Math.floor((n - 1) / 4)];
  const t = (text ?? '').trim().toUpperCase();
  return TEXT_ALIASES[t] ?? t;
}

export function decodeLogs(
  body: Uint8Array | string,
  contentType: OtlpEncoding,
  options: OtlpDecodeOptions = {},
): { records: LogRecord[]; report: IngestReport } {
  const o = resolveOtlpOptions(options);
  const envelope = envelopeOrThrow(logsEnvelopeSchema, decodeOtlpPayload(body, contentType, 'logs'), 'logs');
  const report = emptyIngestReport();
  const records: LogRecord[] = [];
  let at = 0;
  for (const rl of envelope.resourceLogs) {
    const res = resourceSchema.safeParse(rl.resource);
    const identity = resourceIdentity(attributeMap(res.success ? res.data.attributes : []), o.fallbackInstance);
    for (const sl of rl.scopeLogs) {
      for (const raw of sl.logRecords) {
        at++;
        const parsed = logRecordSchema.safeParse(raw);
        if (!parsed.success) {
          recordRejection(report, at, `log record: ${issueText(parsed.error)}`);
          continue;
        }
        const r = parsed.data;
        const time = r.timeUnixNano || r.observedTimeUnixNano;
        if (!time) {
          recordRejection(report, at, 'log record without timeUnixNano or observedTimeUnixNano');
          continue;
        }
        const attrs = attributeMap(r.attributes);
        const value = anyValueToJs(r.body);
        const text = value === null ? (r.eventName ?? '') : typeof value === 'string' ? value : JSON.stringify(value);
        records.push({
          time,
          instance: identity.instance,
          service: identity.service,
          severity: severityOf(r.severityNumber, r.severityText),
          body: text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}…` : text,
          exceptionType: str(attrs, 'exception.type'),
          exceptionMessage: str(attrs, 'exception.message'),
          traceId: r.traceId || undefined,
          spanId: r.spanId || undefined,
        });
        report.accepted++;
      }
    }
  }
  return { records, report };
}
