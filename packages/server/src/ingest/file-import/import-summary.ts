/**
 * What an import did, accumulated across files and chunks: lines read, records accepted, rejections
 * by reason (values stripped so similar lines group) and the first few with file and line, printed as
 * text for people or JSON (`--json`) for scripts.
 */
import path from 'node:path';
import type { IngestReport } from '../../model/telemetry.js';

export interface ImportSummaryJson {
  target: string;
  files: string[];
  lines: number;
  accepted: number;
  rejected: number;
  ignored: Record<string, number>;
  reasons: Record<string, number>;
  firstRejections: { file: string; at: number; reason: string }[];
  seconds: number;
  perSecond: number;
}

export class ImportSummary {
  lines = 0;
  accepted = 0;
  rejected = 0;
  readonly files: string[] = [];
  readonly ignored: Record<string, number> = {};
  readonly reasons = new Map<string, number>();
  readonly first: { file: string; at: number; reason: string }[] = [];
  private readonly started = performance.now();

  constructor(
    readonly target: string,
    private readonly keepFirst: number,
    /** What `at` counts in this import: `line` for logs, `record` for OTLP. */
    readonly unit: 'line' | 'record',
  ) {}

  add(file: string, report: IngestReport): void {
    this.accepted += report.accepted;
    this.rejected += report.rejected;
    for (const [k, v] of Object.entries(report.ignored ?? {})) this.ignored[k] = (this.ignored[k] ?? 0) + v;
    for (const r of report.rejections) this.reject(file, r.at, r.reason, false);
    // Rejections beyond the report's own cap are counted without a reason.
    const unexplained = report.rejected - report.rejections.length;
    if (unexplained > 0)
      this.reasons.set('(reason not kept)', (this.reasons.get('(reason not kept)') ?? 0) + unexplained);
  }

  /** A rejection found by the importer itself (unreadable line of a JSON Lines file). */
  reject(file: string, at: number, reason: string, count = true): void {
    if (count) this.rejected++;
    const kind = reason.replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N');
    this.reasons.set(kind, (this.reasons.get(kind) ?? 0) + 1);
    if (this.first.length < this.keepFirst) this.first.push({ file, at, reason });
  }

  get seconds(): number {
    return (performance.now() - this.started) / 1000;
  }

  toJSON(): ImportSummaryJson {
    const seconds = this.seconds;
    return {
      target: this.target,
      files: this.files,
      lines: this.lines,
      accepted: this.accepted,
      rejected: this.rejected,
      ignored: this.ignored,
      reasons: Object.fromEntries([...this.reasons].sort((a, b) => b[1] - a[1])),
      firstRejections: this.first,
      seconds: Math.round(seconds * 1000) / 1000,
      perSecond: Math.round((this.unit === 'line' ? this.lines : this.accepted) / Math.max(seconds, 1e-9)),
    };
  }

  toText(): string {
    const j = this.toJSON();
    const n = (v: number) => v.toLocaleString('en');
    const out = [
      `imported ${j.files.map((f) => path.basename(f)).join(', ')} into ${j.target} in ${j.seconds.toFixed(1)} s`,
      ...(this.unit === 'line' ? [`  lines read  ${n(j.lines)} (${n(j.perSecond)}/s)`] : []),
      `  accepted    ${n(j.accepted)}`,
      `  rejected    ${n(j.rejected)}`,
    ];
    for (const [reason, count] of Object.entries(j.reasons)) out.push(`    ${n(count)} × ${reason}`);
    for (const [kind, count] of Object.entries(j.ignored)) out.push(`  ignored     ${n(count)} × ${kind}`);
    if (j.firstRejections.length > 0) {
      out.push(`  first ${j.firstRejections.length} rejections:`);
      for (const r of j.firstRejections)
        out.push(`    ${path.basename(r.file)}:${this.unit === 'line' ? '' : 'record '}${r.at}  ${r.reason}`);
    }
    return out.join('\n');
  }
}
