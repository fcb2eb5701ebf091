/**
 * Feeds an access-log body to the collector: the text is split into lines, each parsed by the
 * ingest layer's access-log parser, and the transactions handed to the sink in bounded batches.
 * A bad line becomes a rejection with its line number; it never fails the request.
 */
import { emptyIngestReport, recordRejection, type IngestReport } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import type { AccessLogParserOptions } from '../../ingest/access-log/access-log-options.js';
import { isRejection } from '../../ingest/access-log/access-log-record.js';
import { createAccessLogParser } from '../../ingest/access-log/create-access-log-parser.js';
import type { TelemetrySink } from '../../ingest/telemetry-sink.js';

/** Transactions handed to the sink per call: bounds the sink's per-call work on large bodies. */
const BATCH = 5_000;

export function ingestAccessLogText(text: string, options: AccessLogParserOptions, sink: TelemetrySink): IngestReport {
  const parser = createAccessLogParser(options);
  const report = emptyIngestReport();
  let batch: Transaction[] = [];
  let lineNo = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    const result = parser.parseLine(text.slice(start, end), lineNo);
    start = end + 1;
    if (result === null) continue;
    if (isRejection(result)) {
      recordRejection(report, result.line, result.reason);
      continue;
    }
    batch.push(result);
    report.accepted++;
    if (batch.length >= BATCH) {
      sink.transactions(batch);
      batch = [];
    }
  }
  if (batch.length > 0) sink.transactions(batch);
  return report;
}
