import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../../bin/promptops.js', import.meta.url));

function run(args: string[], input?: string): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [BIN, 'mask', ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('promptops mask', () => {
  it('masks stdin to stdout, leaving look-alikes alone', () => {
    const r = run([], '고객 홍길동 010-1234-5678\ntrace 4bf92f3577b34da6a3ce929d0e0e4736 at 2026-03-18T14:20:00Z\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('고객 홍*동 010-****-5678\ntrace 4bf92f3577b34da6a3ce929d0e0e4736 at 2026-03-18T14:20:00Z\n');
  });

  it('prints {text, findings} with --json at the full level', () => {
    const r = run(['--level', 'full', '--json'], 'mail hong@example.com');
    expect(JSON.parse(r.stdout)).toEqual({
      text: 'mail [이메일]',
      findings: [{ type: 'email', start: 5, end: 21, masked: '[이메일]' }],
    });
  });

  it('rejects an unknown level with a clear message and a non-zero exit', () => {
    const r = run(['--level', 'nope', 'x']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('invalid_parameter');
  });
});
