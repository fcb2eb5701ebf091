/**
 * What imports write to: a TelemetrySink whose calls may also return an IngestReport of what the
 * sink itself refused (the collector does: times far in the future, records without an instance).
 * Those refusals are folded into the import's own report, mapped back to file positions.
 */
import type { IngestReport, LogRecord, MetricSample } from '../../model/telemetry.js';
import { recordRejection } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';

export interface ImportSink {
  transactions(txs: Transaction[]): IngestReport | void;
  metrics(samples: MetricSample[]): IngestReport | void;
  logs(records: LogRecord[]): IngestReport | void;
}

/**
 * Moves the sink's refusals from `accepted` to `rejected` in `into`; `positionOf(i)` gives the file
 * position (line) of the sink's i-th (0-based) record.
 */
export function foldSinkReport(
  into: IngestReport,
  sinkReport: IngestReport | void,
  positionOf: (i: number) => number,
): void {
  if (!sinkReport || sinkReport.rejected === 0) return;
  into.accepted -= sinkReport.rejected;
  for (const r of sinkReport.rejections) recordRejection(into, positionOf(r.at - 1), `collector: ${r.reason}`);
  // Refusals beyond the sink's own list of reasons still count.
  const unlisted = sinkReport.rejected - sinkReport.rejections.length;
  if (unlisted > 0) into.rejected += unlisted;
}
