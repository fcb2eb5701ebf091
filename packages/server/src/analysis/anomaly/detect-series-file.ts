/**
 * Offline detection over a NAB-style CSV (`timestamp,value`): scores every row with the streaming ensemble
 * and writes NAB's results format `timestamp,value,anomaly_score,label`. The label is NAB's ground truth
 * (1 inside a labelled window) when the file is one of NAB's data files (matched by its
 * `category/name.csv` tail), else 0 because there is no ground truth to give.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { EnsembleDetector } from './ensemble-detector.js';
import { defaultNabRoot, loadNabWindows, nabAvailable, nabKeyOf, windowLabels } from './nab/nab-corpus.js';
import { probationaryLength } from './nab/nab-sweeper.js';
import { readSeriesCsv } from '../series/read-series-csv.js';
import { PromptOpsError } from '../../errors/promptops-error.js';

export interface DetectFileOptions {
  /** NAB root for ground-truth labels (default `<repo>/../shared/data/nab`). */
  nabRoot?: string;
}

export interface DetectFileResult {
  rows: number;
  /** The NAB key when labels came from NAB, else null (labels are all 0). */
  nabKey: string | null;
  alarms: number;
  csv: string;
}

export function detectSeriesFile(input: string, options: DetectFileOptions = {}): DetectFileResult {
  const { rawTimestamps, points } = readSeriesCsv(input);
  const nabRoot = options.nabRoot ?? defaultNabRoot();
  let labels = points.map(() => 0);
  let nabKey: string | null = null;
  if (nabAvailable(nabRoot)) {
    const windows = loadNabWindows(nabRoot);
    nabKey = nabKeyOf(path.resolve(input), windows.keys());
    if (nabKey !== null)
      labels = windowLabels(
        points.map((p) => p.t),
        windows.get(nabKey) ?? [],
      );
  }
  // The detector learns for NAB's probationary period (15 % of the rows, at most 750) before it scores.
  const detector = new EnsembleDetector({ probation: probationaryLength(points.length) });
  const lines = ['timestamp,value,anomaly_score,label'];
  let alarms = 0;
  points.forEach((p, i) => {
    const score = detector.update(p.t, p.value);
    if (score >= 0.5) alarms++;
    lines.push(`${rawTimestamps[i] ?? ''},${p.value},${score},${labels[i] ?? 0}`);
  });
  return { rows: points.length, nabKey, alarms, csv: `${lines.join('\n')}\n` };
}

export function writeDetection(input: string, output: string, options: DetectFileOptions = {}): DetectFileResult {
  const result = detectSeriesFile(input, options);
  try {
    writeFileSync(output, result.csv);
  } catch (cause) {
    throw new PromptOpsError('internal', `cannot write ${output}`, { cause });
  }
  return result;
}
