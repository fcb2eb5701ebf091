/**
 * Abnormal-access rules on real traffic: the Elastic sample of a real Apache server (10 000 lines,
 * semicomplete.com, May 2015) parsed by the product's access-log parser. Checked by hand: the site
 * is not WordPress, and 35 requests from 34 addresses probe `wp-admin`/`wp-login.php` (all answered
 * 404); there are no login endpoints, no scanner user agents, and the one
 * address with many failing unknown paths is a crawler (MJ12bot) following broken links, below the scan
 * threshold. The rules must flag exactly those probing addresses and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeAbnormalAccess } from '../packages/server/src/analysis/security/abnormal-access.js';
import { parseAccessLogText } from '../packages/server/src/ingest/access-log/parse-access-log-text.js';
import { spanOf } from '../packages/server/src/analysis/rca/time-span.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const apacheLog = path.resolve(repoRoot, '../shared/data/elastic_apache_logs/apache_logs');
const present = fs.existsSync(apacheLog);
if (!present) console.warn(`skipping: ${apacheLog} is absent (real data lives in ../shared/data)`);

describe.skipIf(!present)('abnormal access on the Elastic Apache sample', () => {
  it('flags exactly the addresses that probed WordPress admin pages, and nothing else', () => {
    const text = fs.readFileSync(apacheLog, 'utf8');
    const { transactions, report } = parseAccessLogText(text, { format: 'combined', instance: 'semicomplete' });
    expect(report.rejected).toBe(0);
    // Independent of the rule's pattern list: the raw request lines that name the WordPress admin.
    const probeLines = text.split('\n').filter((l) => /"GET [^"]*(wp-admin|wp-login\.php)/.test(l));
    const probeIps = new Set(probeLines.map((l) => l.split(' ')[0]));
    expect(probeLines).toHaveLength(35);
    expect(probeIps.size).toBe(34);

    const r = analyzeAbnormalAccess({ range: spanOf(transactions.map((t) => t.time)), transactions });
    expect(r.counts).toEqual({
      login_burst: 0,
      user_many_ips: 0,
      abnormal_url: 34,
      scanner_user_agent: 0,
      unknown_route_scan: 0,
      long_session: 0,
      request_rate_outlier: 0,
    });
    const flagged = r.findings.filter((f) => f.rule === 'abnormal_url');
    expect(new Set(flagged.map((f) => f.subject.value))).toEqual(probeIps);
    expect(flagged.reduce((n, f) => n + f.rowCount, 0)).toBe(35);
    for (const f of flagged) {
      expect(f.details.patterns).toEqual(['wordpress_probe']);
      expect(f.rows.every((tx) => /wp-admin|wp-login/.test(tx.url) && tx.status === 404)).toBe(true);
    }
    // A lower scan threshold does surface the crawler with broken links, with its paths as evidence.
    const strict = analyzeAbnormalAccess(
      { range: r.evidence[0]?.range ?? { from: 0, to: 0 }, transactions },
      { rules: ['unknown_route_scan'], urls: { scanMinPaths: 10 } },
    );
    expect(strict.findings.map((f) => f.subject.value)).toEqual(['144.76.95.39']);
    expect(strict.findings[0]?.observed).toBe(10);
  });
});
