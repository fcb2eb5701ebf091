import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDetect } from './detect.js';

describe('promptops detect', () => {
  it('writes timestamp,value,anomaly_score,label for every input row', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'promptops-detect-cli-'));
    const input = path.join(dir, 'in.csv');
    const output = path.join(dir, 'out.csv');
    const rows = Array.from({ length: 50 }, (_, i) => `2026-01-01 00:${String(i).padStart(2, '0')}:00,${i % 5}`);
    writeFileSync(input, `timestamp,value\n${rows.join('\n')}\n`);
    const program = new Command().exitOverride();
    registerDetect(program);
    await program.parseAsync(['detect', '--input', input, '--output', output, '--nab-root', dir], { from: 'user' });
    const lines = readFileSync(output, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score,label');
    expect(lines).toHaveLength(51);
    expect(lines[1]).toBe('2026-01-01 00:00:00,0,0,0');
  });
});
