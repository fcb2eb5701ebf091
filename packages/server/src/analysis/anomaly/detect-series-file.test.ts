import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDetection } from './detect-series-file.js';
import { defaultNabRoot, loadNabWindows, nabAvailable } from './nab/nab-corpus.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'promptops-detect-'));

describe('detect writes NAB results CSV', () => {
  it('for a non-NAB file: header, one row per input, labels 0, scores in [0, 1]', () => {
    const input = path.join(tmp, 'mine.csv');
    const rows = Array.from({ length: 300 }, (_, i) => {
      const ts = new Date(Date.UTC(2026, 0, 1, 0, 5 * i)).toISOString().replace('T', ' ').slice(0, 19);
      return `${ts},${i === 250 ? 500 : 10 + (i % 7)}`;
    });
    writeFileSync(input, `timestamp,value\n${rows.join('\n')}\n`);
    const out = path.join(tmp, 'mine.out.csv');
    const r = writeDetection(input, out, { nabRoot: path.join(tmp, 'no-nab-here') });
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score,label');
    expect(lines.length).toBe(301);
    expect(r.nabKey).toBeNull();
    const parsed = lines.slice(1).map((l) => l.split(','));
    expect(parsed[0]?.[0]).toBe('2026-01-01 00:00:00');
    expect(parsed.every((c) => c[3] === '0')).toBe(true);
    expect(parsed.every((c) => Number(c[2]) >= 0 && Number(c[2]) <= 1)).toBe(true);
    // The 500 at row 250 breaks the range seen so far.
    expect(Number(parsed[250]?.[2])).toBe(1);
  });

  it.skipIf(!nabAvailable())('for a NAB file: labels are 1 exactly inside its windows', () => {
    const key = 'realKnownCause/ec2_request_latency_system_failure.csv';
    const out = path.join(tmp, 'nab.out.csv');
    const r = writeDetection(path.join(defaultNabRoot(), 'data', key), out);
    expect(r.nabKey).toBe(key);
    const body = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    const ones = body.filter((l) => l.endsWith(',1')).length;
    const windows = loadNabWindows().get(key) ?? [];
    // 3 windows of equal width in this file; the stored NAB output has 346 labelled rows.
    expect(windows.length).toBe(3);
    expect(ones).toBe(346);
  });
});
