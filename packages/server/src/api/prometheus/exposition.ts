/**
 * The Prometheus text exposition format (version 0.0.4), written from a snapshot at scrape time:
 * the figures live in the collector, so a registry of mutable metric objects would only duplicate
 * them. Families are written with HELP and TYPE, label values escaped, so `promtool check metrics`
 * accepts the output.
 */

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

export type Labels = Record<string, string>;

export interface Sample {
  labels: Labels;
  value: number;
}

export interface HistogramSample {
  labels: Labels;
  /** Upper bounds of the buckets, ascending, without +Inf. */
  bounds: readonly number[];
  /** Count per bucket (not cumulative), length bounds.length + 1 (the last counts everything above). */
  counts: readonly number[];
  sum: number;
}

export type MetricFamily =
  | { type: 'gauge' | 'counter'; name: string; help: string; samples: Sample[] }
  | { type: 'histogram'; name: string; help: string; samples: HistogramSample[] };

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** Renders families in order; a family with no samples still announces itself with HELP and TYPE. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f.type !== 'histogram') {
      for (const s of f.samples) lines.push(`${f.name}${formatLabels(s.labels)} ${formatValue(s.value)}`);
      continue;
    }
    for (const h of f.samples) {
      let cumulative = 0;
      h.bounds.forEach((le, i) => {
        cumulative += h.counts[i] ?? 0;
        lines.push(`${f.name}_bucket${formatLabels({ ...h.labels, le: formatValue(le) })} ${cumulative}`);
      });
      cumulative += h.counts[h.bounds.length] ?? 0;
      lines.push(`${f.name}_bucket${formatLabels({ ...h.labels, le: '+Inf' })} ${cumulative}`);
      lines.push(`${f.name}_sum${formatLabels(h.labels)} ${formatValue(h.sum)}`);
      lines.push(`${f.name}_count${formatLabels(h.labels)} ${cumulative}`);
    }
  }
  return lines.join('\n') + '\n';
}
