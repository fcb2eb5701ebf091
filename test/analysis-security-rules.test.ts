/**
 * The abnormal-access rules one by one on simulated traffic (arrays straight from the simulator, no
 * incidents) with hand-made actors added on top: an account shared across six addresses, a scanner
 * (sqlmap user agent, traversal, `.env`, injection and 30 unknown paths answered 404), and a script
 * running under a user's own account at 30× that user's normal rate. Each rule must flag exactly its
 * actor; the background traffic alone must flag nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeAbnormalAccess } from '../packages/server/src/analysis/security/abnormal-access.js';
import { matchAttackPatterns } from '../packages/server/src/analysis/security/abnormal-urls.js';
import type { Transaction } from '../packages/server/src/model/transaction.js';
import { createSimulator } from '../packages/server/src/sim/simulator.js';
import { tx } from './support/transaction-fixture.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 18, 1, 0, 0);
const RANGE = { from: T0 + 30 * MINUTE, to: T0 + 60 * MINUTE };

function actors(): Transaction[] {
  const out: Transaction[] = [];
  // One account, six addresses within half an hour.
  for (let i = 0; i < 6; i++)
    out.push(tx(RANGE.from + i * 4 * MINUTE, { userId: 'shared-acct', clientIp: `100.64.0.${i + 1}` }));
  // A scanner: attack URLs, then a directory brute-force of 30 unknown paths.
  const scanner = { clientIp: '192.0.2.66', userAgent: 'sqlmap/1.8.2#stable (https://sqlmap.org)', status: 404 };
  const attacks = ['/download?file=../../../../etc/passwd', '/.env', "/products/1' UNION SELECT password FROM users--"];
  attacks.forEach((url, i) =>
    out.push(tx(RANGE.from + 60_000 + i * 1000, { ...scanner, url, route: url.split('?')[0] })),
  );
  for (let i = 0; i < 30; i++) {
    const url = `/backup-${i}.zip`;
    out.push(tx(RANGE.from + 70_000 + i * 500, { ...scanner, url, route: url }));
  }
  // A script under a normal user's session: 4 requests a minute in the baseline, then 120 in one minute.
  for (let m = 0; m < 30; m++) {
    for (let k = 0; k < 4; k++)
      out.push(tx(T0 + m * MINUTE + k * 15_000, { userId: 'u-script', clientIp: '10.9.9.9' }));
  }
  for (let k = 0; k < 120; k++)
    out.push(tx(RANGE.from + 10 * MINUTE + k * 500, { userId: 'u-script', clientIp: '10.9.9.9' }));
  return out;
}

let background: Transaction[] = [];

beforeAll(() => {
  const sim = createSimulator({ seed: 3 });
  background = sim.traffic(T0, { incidents: 'none' }).advance(RANGE.to).transactions;
}, 60_000);

function run(extra: Transaction[]) {
  const all = [...background, ...extra].sort((a, b) => a.time - b.time);
  return analyzeAbnormalAccess({
    range: RANGE,
    transactions: all.filter((t) => t.time >= RANGE.from),
    baseline: all.filter((t) => t.time < RANGE.from),
  });
}

describe('abnormal-access rules', () => {
  it('flag nothing on the simulated background traffic alone', () => {
    const r = run([]);
    expect(r.findings).toEqual([]);
    expect(r.evidence[0]?.rows).toBeGreaterThan(5_000);
  });

  it('flag exactly the shared account, the scanner (three ways) and the script', () => {
    const r = run(actors());
    const got = r.findings.map((f) => `${f.rule} ${f.subject.value}`).sort();
    expect(got).toEqual([
      'abnormal_url 192.0.2.66',
      'request_rate_outlier u-script',
      'scanner_user_agent 192.0.2.66',
      'unknown_route_scan 192.0.2.66',
      'user_many_ips shared-acct',
    ]);
    const byRule = new Map(r.findings.map((f) => [f.rule, f]));
    expect(byRule.get('user_many_ips')?.observed).toBe(6);
    expect([...((byRule.get('abnormal_url')?.details.patterns as string[] | undefined) ?? [])].sort()).toEqual([
      'dotfile',
      'injection',
      'path_traversal',
      'sensitive_file',
    ]);
    expect(byRule.get('abnormal_url')?.rowCount).toBe(3);
    expect(byRule.get('scanner_user_agent')?.rowCount).toBe(33);
    // The three attack URLs are unknown paths too: 30 + 3 distinct failing paths.
    expect(byRule.get('unknown_route_scan')?.observed).toBe(33);
    const rate = byRule.get('request_rate_outlier');
    expect(rate?.observed).toBe(120);
    expect(rate?.details.baselinePeakPerMinute).toBe(4);
    expect(rate?.threshold).toBe(60);
  });

  it('match attack patterns on encoded URLs and leave ordinary ones alone', () => {
    expect(matchAttackPatterns('/static/%2e%2e/%2e%2e/etc/passwd')).toEqual(['path_traversal', 'sensitive_file']);
    expect(matchAttackPatterns('/search?q=%3Cscript%3Ealert(1)%3C/script%3E')).toEqual(['injection']);
    expect(matchAttackPatterns('/blog/tags/shell?page=1')).toEqual([]);
    expect(matchAttackPatterns('/orders/12345')).toEqual([]);
  });
});
