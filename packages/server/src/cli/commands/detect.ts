/**
 * `promptops detect --input FILE.csv --output OUT.csv`: scores a NAB-style series (`timestamp,value`)
 * with the streaming anomaly detector and writes NAB's results format
 * (`timestamp,value,anomaly_score,label`; label from NAB's windows when the file is part of NAB, else 0).
 */
import type { Command } from 'commander';
import { writeDetection } from '../../analysis/anomaly/detect-series-file.js';

export function registerDetect(program: Command): void {
  program
    .command('detect')
    .description(
      'score a NAB-style CSV series (timestamp,value) for anomalies; writes timestamp,value,anomaly_score,label',
    )
    .requiredOption('--input <file>', 'CSV with a header and timestamp,value columns (NAB layout)')
    .requiredOption('--output <file>', 'where to write the scored CSV (NAB results format)')
    .option('--nab-root <dir>', 'NAB corpus for ground-truth labels (default ../shared/data/nab from the repository)')
    .action((opts: { input: string; output: string; nabRoot?: string }) => {
      const r = writeDetection(opts.input, opts.output, opts.nabRoot === undefined ? {} : { nabRoot: opts.nabRoot });
      const labelNote = r.nabKey ? `labels from NAB windows of ${r.nabKey}` : 'labels 0 (not a NAB file)';
      process.stderr.write(
        `detect: ${r.rows} rows scored, ${r.alarms} alarms (score ≥ 0.5), ${labelNote} → ${opts.output}\n`,
      );
    });
}
