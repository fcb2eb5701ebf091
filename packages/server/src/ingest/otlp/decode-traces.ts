/**
 * OTLP traces → Transactions. Each transaction span (kind SERVER, or a parentless span of
 * unspecified kind) becomes one Transaction; every other span of the same trace is attributed to the
 * nearest transaction span up its parent chain and summarised there (queries, outgoing calls,
 * exceptions). Report counts are per span: accepted = well-formed spans, rejected = malformed spans
 * (with their 1-based position in the payload), ignored = spans with no server span to belong to.
 */
import type { IngestReport } from '../../model/telemetry.js';
import { emptyIngestReport, recordIgnored, recordRejection } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import { attributeMap, resourceIdentity } from './otlp-attributes.js';
import type { OtlpDecodeOptions, ResolvedOtlpOptions } from './otlp-decode-options.js';
import { resolveOtlpOptions } from './otlp-decode-options.js';
import type { OtlpEncoding } from './otlp-payload.js';
import { decodeOtlpPayload, decodeOtlpProtobuf } from './otlp-payload.js';
import { collectProtoSpans } from './proto-spans.js';
import { readProtoTraceRequest } from './proto-trace-reader.js';
import type { ProtoTraceRequest } from './proto-spans.js';
import { resourceSchema, spanSchema, tracesEnvelopeSchema } from './otlp-schema.js';
import type { PendingChildSpans } from './pending-child-spans.js';
import type { ChildSummaries, DecodedSpan } from './span-to-transaction.js';
import { isTransactionSpan, spanToTransaction, summariseInto } from './span-to-transaction.js';
import { envelopeOrThrow, issueText } from './envelope.js';

export interface DecodeTracesOptions extends OtlpDecodeOptions {
  /** Cross-request holding area for child spans that arrive before their server span. */
  pending?: PendingChildSpans;
}

const MAX_PARENT_HOPS = 64;

/**
 * How protobuf is read: `fast` walks the wire for what the mapping uses (proto-trace-reader.ts) and
 * defers to `generated` — the generated classes' full decode, then collectProtoSpans — whenever it
 * cannot read a body the same way; `generated` alone is the reference the tests hold `fast` to.
 */
export type ProtobufTraceReader = 'fast' | 'generated';

export function decodeTraces(
  body: Uint8Array | string,
  contentType: OtlpEncoding,
  options: DecodeTracesOptions = {},
): { transactions: Transaction[]; report: IngestReport } {
  return decodeTracesWith('fast', body, contentType, options);
}

/** `decodeTraces` with a chosen protobuf reader (JSON bodies are read the same either way). */
export function decodeTracesWith(
  reader: ProtobufTraceReader,
  body: Uint8Array | string,
  contentType: OtlpEncoding,
  options: DecodeTracesOptions = {},
): { transactions: Transaction[]; report: IngestReport } {
  const o = resolveOtlpOptions(options);
  let report = emptyIngestReport();
  let byTrace = new Map<string, DecodedSpan[]>();
  if (contentType === 'protobuf') {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'binary') : body;
    let done = false;
    if (reader === 'fast') {
      try {
        readProtoTraceRequest(bytes, o.fallbackInstance, report, byTrace);
        done = true;
      } catch {
        // Not read the same way (or not readable): start over with the full decode, which says why.
        report = emptyIngestReport();
        byTrace = new Map();
      }
    }
    if (!done) {
      collectProtoSpans(decodeOtlpProtobuf(bytes, 'traces') as ProtoTraceRequest, o.fallbackInstance, report, byTrace);
    }
  } else collectJsonSpans(body, o.fallbackInstance, report, byTrace);
  return { transactions: assembleTransactions(byTrace, o, options.pending, report), report };
}

/** OTLP/JSON: the envelope and each span validated with the zod schemas. */
function collectJsonSpans(
  body: Uint8Array | string,
  fallbackInstance: string,
  report: IngestReport,
  byTrace: Map<string, DecodedSpan[]>,
): void {
  const envelope = envelopeOrThrow(tracesEnvelopeSchema, decodeOtlpPayload(body, 'json', 'traces'), 'traces');
  let at = 0;
  for (const rs of envelope.resourceSpans) {
    const res = resourceSchema.safeParse(rs.resource);
    const identity = resourceIdentity(attributeMap(res.success ? res.data.attributes : []), fallbackInstance);
    for (const ss of rs.scopeSpans) {
      for (const raw of ss.spans) {
        at++;
        const parsed = spanSchema.safeParse(raw);
        if (!parsed.success) {
          recordRejection(report, at, `span: ${issueText(parsed.error)}`);
          continue;
        }
        report.accepted++;
        const d: DecodedSpan = { span: parsed.data, attrs: attributeMap(parsed.data.attributes), resource: identity };
        const list = byTrace.get(d.span.traceId);
        if (list) list.push(d);
        else byTrace.set(d.span.traceId, [d]);
      }
    }
  }
}

/** Spans of one trace looked up by span id (the last of equal ids wins); small traces are scanned. */
function spanIndex(spans: readonly DecodedSpan[]): (spanId: string) => number {
  if (spans.length <= 16) {
    return (spanId) => {
      for (let i = spans.length - 1; i >= 0; i--) if (spans[i].span.spanId === spanId) return i;
      return -1;
    };
  }
  const byId = new Map<string, number>();
  spans.forEach((d, i) => byId.set(d.span.spanId, i));
  return (spanId) => byId.get(spanId) ?? -1;
}

/** Attributes each span to its transaction span (up the parent chain) and builds the transactions. */
function assembleTransactions(
  byTrace: Map<string, DecodedSpan[]>,
  o: ResolvedOtlpOptions,
  pending: PendingChildSpans | undefined,
  report: IngestReport,
): Transaction[] {
  const transactions: Transaction[] = [];
  for (const [traceId, current] of byTrace) {
    const waiting = pending?.take(traceId) ?? [];
    const spans = waiting.length > 0 ? [...waiting, ...current] : current;
    const indexOf = spanIndex(spans);
    // Per span: its summaries when it is a transaction span.
    const summaries: (ChildSummaries | undefined)[] = spans.map((d) =>
      isTransactionSpan(d.span) ? { queries: [], calls: [], exceptions: [] } : undefined,
    );
    let unattributed: DecodedSpan[] | undefined;
    for (let i = 0; i < spans.length; i++) {
      if (summaries[i] !== undefined) continue;
      let owner: ChildSummaries | undefined;
      let parent = spans[i].span.parentSpanId;
      for (let hop = 0; hop < MAX_PARENT_HOPS && parent; hop++) {
        const at = indexOf(parent);
        if (at < 0) break;
        owner = summaries[at];
        if (owner !== undefined) break;
        parent = spans[at].span.parentSpanId;
      }
      if (owner !== undefined) summariseInto(spans[i], owner, o.maxChildSummaries, false);
      else (unattributed ??= []).push(spans[i]);
    }
    for (let i = 0; i < spans.length; i++) {
      const children = summaries[i];
      if (children === undefined) continue;
      summariseInto(spans[i], children, o.maxChildSummaries, true);
      transactions.push(spanToTransaction(spans[i], children, o));
    }
    if (unattributed !== undefined) {
      if (pending) pending.add(unattributed);
      else recordIgnored(report, 'span-without-server-span', unattributed.length);
    }
  }
  return transactions;
}
