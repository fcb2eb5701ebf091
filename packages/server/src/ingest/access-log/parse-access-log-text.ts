/**
 * A whole access-log body at once (the HTTP ingest endpoint's case): split into lines, parsed, and
 * summarised as an IngestReport whose rejections carry 1-based line numbers.
 */
import type { IngestReport } from '../../model/telemetry.js';
import { emptyIngestReport, recordRejection } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import type { AccessLogParserOptions } from './access-log-options.js';
import type { AccessLogParser } from './create-access-log-parser.js';
import { createAccessLogParser } from './create-access-log-parser.js';

/**
 * @param parser reuse one parser across chunks of the same stream (W3C `#Fields:` state); built from
 * `options` when absent. `firstLineNo` numbers lines continuing a stream.
 */
export function parseAccessLogText(
  text: string,
  options: AccessLogParserOptions,
  parser: AccessLogParser = createAccessLogParser(options),
  firstLineNo = 1,
): { transactions: Transaction[]; report: IngestReport } {
  const report = emptyIngestReport();
  const transactions: Transaction[] = [];
  let lineNo = firstLineNo;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const r = parser.parseLine(text.slice(start, end), lineNo);
    if (r !== null) {
      if ('reason' in r) recordRejection(report, r.line, r.reason);
      else {
        transactions.push(r);
        report.accepted++;
      }
    }
    lineNo++;
    start = end + 1;
  }
  return { transactions, report };
}
