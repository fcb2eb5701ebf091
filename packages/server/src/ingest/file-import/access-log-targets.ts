/**
 * Where imported access-log lines go: parsed here and handed to a local collector (an ImportSink),
 * or sent raw to a server's access-log endpoint, which parses them with the same options. Either way
 * the caller gets an IngestReport whose rejections carry line numbers of the file.
 */
import type { IngestReport } from '../../model/telemetry.js';
import { emptyIngestReport, recordRejection } from '../../model/telemetry.js';
import type { Transaction } from '../../model/transaction.js';
import type { AccessLogParserOptions } from '../access-log/access-log-options.js';
import { createAccessLogParser } from '../access-log/create-access-log-parser.js';
import type { ImportSink } from './import-sink.js';
import { foldSinkReport } from './import-sink.js';
import { asIngestReport, postToServer } from './server-client.js';

export interface AccessLogTarget {
  /** Lines `firstLineNo…` of one file (a new file or a rotated one starts a new target). */
  write(lines: string[], firstLineNo: number): Promise<IngestReport>;
}

export type AccessLogTargetFactory = () => AccessLogTarget;

/** Parses locally and pushes transactions to the sink in batches. */
export function localAccessLogTargets(sink: ImportSink, options: AccessLogParserOptions): AccessLogTargetFactory {
  createAccessLogParser(options); // Fail fast on bad options, before any file is opened.
  return () => {
    const parser = createAccessLogParser(options);
    return {
      async write(lines, firstLineNo) {
        const report = emptyIngestReport();
        const txs: Transaction[] = [];
        const lineOf: number[] = [];
        for (let i = 0; i < lines.length; i++) {
          const r = parser.parseLine(lines[i], firstLineNo + i);
          if (r === null) continue;
          if ('reason' in r) recordRejection(report, r.line, r.reason);
          else {
            txs.push(r);
            lineOf.push(firstLineNo + i);
          }
        }
        report.accepted = txs.length;
        if (txs.length > 0) foldSinkReport(report, sink.transactions(txs), (i) => lineOf[i] ?? 0);
        return report;
      },
    };
  };
}

/** Sends lines to `POST /api/v1/ingest/access-log`, carrying W3C `#Fields:` state across chunks. */
export function serverAccessLogTargets(server: string, options: AccessLogParserOptions): AccessLogTargetFactory {
  createAccessLogParser(options);
  const query = new URLSearchParams({ format: options.format, instance: options.instance });
  for (const key of ['service', 'pattern', 'sessionCookie', 'visitorCookie', 'durationUnit'] as const) {
    const v = options[key];
    if (v !== undefined) query.set(key, v);
  }
  return () => {
    let fields: string | undefined;
    return {
      async write(lines, firstLineNo) {
        // Each request is parsed by a fresh parser on the server, so a W3C chunk needs its header.
        const prefix = fields !== undefined && !lines[0]?.startsWith('#Fields:') ? [fields] : [];
        if (options.format === 'w3c') {
          for (let i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith('#Fields:')) {
              fields = lines[i].replace(/\r$/, '');
              break;
            }
          }
        }
        const body = [...prefix, ...lines].join('\n');
        const report = asIngestReport(
          await postToServer(server, `api/v1/ingest/access-log?${query}`, body, 'text/plain; charset=utf-8'),
        );
        const shift = firstLineNo - 1 - prefix.length;
        report.rejections = report.rejections.map((r) => ({ at: r.at + shift, reason: r.reason }));
        return report;
      },
    };
  };
}
