/**
 * Abnormal URLs (`security.abnormal_urls`), three rules grouped per client address:
 * - `abnormal_url`: requests matching known attack patterns (path traversal, WordPress and admin-tool
 *   probes, dotfiles, sensitive files, injection strings), matched on the raw and the decoded URL;
 * - `scanner_user_agent`: user agents of vulnerability scanners;
 * - `unknown_route_scan`: many distinct failing paths outside the learnt normal set (paths that
 *   answered below 400 to several addresses), the trace a directory brute-forcer leaves.
 */
import type { Transaction } from '../../model/transaction.js';
import { MAX_FINDING_ROWS, rangeOf, type SecurityFinding } from './security-finding.js';

export const ATTACK_PATTERNS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'path_traversal', pattern: /\.\.\/|\.\.\\|%2e%2e|%252e%252e/i },
  { name: 'wordpress_probe', pattern: /wp-admin|wp-login\.php|xmlrpc\.php|wp-content\/plugins/i },
  { name: 'dotfile', pattern: /\/\.(env|git|svn|hg|htaccess|htpasswd|aws|ssh|ds_store)(\/|$|\?)/i },
  {
    name: 'admin_tool_probe',
    pattern: /phpmyadmin|\/pma\/|\/myadmin|\/adminer|\/manager\/html|\/jmx-console|\/web-console|\/solr\/admin/i,
  },
  { name: 'sensitive_file', pattern: /etc\/passwd|etc\/shadow|win\.ini|boot\.ini|\/proc\/self\//i },
  {
    name: 'injection',
    pattern: /union(\s|\+)+(all(\s|\+)+)?select|<script|'\s*or\s*'1'\s*=\s*'1|\$\{jndi:|sleep\(\d+\)/i,
  },
  // Not a bare `/shell`: blogs have `/tags/shell` pages (seen in the Elastic Apache sample).
  { name: 'shell_probe', pattern: /\/cgi-bin\/.*(\.sh|bash)|cmd\.exe|\/bin\/(ba)?sh\b/i },
];

export const SCANNER_USER_AGENTS =
  /sqlmap|nikto|nmap|masscan|zgrab|gobuster|dirbuster|dirb\/|wpscan|nuclei|acunetix|nessus|openvas|w3af|wfuzz|ffuf|zmeu|morfeus/i;

export interface AbnormalUrlOptions {
  /** Transactions the normal set is learnt from (default: the analysed ones themselves). */
  normalFrom?: readonly Transaction[];
  /** A path is normal once it answered below 400 to this many distinct addresses; default 3. */
  normalMinClients?: number;
  /**
   * Distinct failing unknown paths per address that count as a scan; default 20 (a crawler following
   * broken links reaches ~10 in a day of the Elastic Apache sample; directory brute-forcers hit hundreds).
   */
  scanMinPaths?: number;
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** The attack patterns a URL matches (empty for a normal URL). */
export function matchAttackPatterns(url: string): string[] {
  const text = `${url}\n${decoded(url)}`;
  return ATTACK_PATTERNS.filter((p) => p.pattern.test(text)).map((p) => p.name);
}

const pathOf = (tx: Transaction): string => tx.url.split('?')[0] ?? tx.url;

type Group = { rows: Transaction[]; labels: Set<string> };
function group(map: Map<string, Group>, key: string, tx: Transaction, labels: readonly string[]): void {
  let g = map.get(key);
  if (!g) map.set(key, (g = { rows: [], labels: new Set() }));
  g.rows.push(tx);
  for (const l of labels) g.labels.add(l);
}

export function findAbnormalUrls(txs: readonly Transaction[], options: AbnormalUrlOptions = {}): SecurityFinding[] {
  const attacks = new Map<string, Group>();
  const scanners = new Map<string, Group>();
  for (const tx of txs) {
    const matched = matchAttackPatterns(tx.url);
    if (matched.length > 0) group(attacks, tx.clientIp, tx, matched);
    if (tx.userAgent && SCANNER_USER_AGENTS.test(tx.userAgent)) group(scanners, tx.clientIp, tx, [tx.userAgent]);
  }
  const findings: SecurityFinding[] = [];
  for (const [ip, g] of attacks) {
    findings.push(
      finding('abnormal_url', ip, g, 1, 'requests matching attack patterns', {
        patterns: [...g.labels],
        urls: [...new Set(g.rows.map((t) => t.url))].slice(0, 10),
      }),
    );
  }
  for (const [ip, g] of scanners) {
    findings.push(
      finding('scanner_user_agent', ip, g, 1, 'requests with a scanner user agent', { userAgents: [...g.labels] }),
    );
  }
  findings.push(...findUnknownRouteScans(txs, options));
  return findings.sort((a, b) => b.rowCount - a.rowCount || a.subject.value.localeCompare(b.subject.value));
}

function findUnknownRouteScans(txs: readonly Transaction[], options: AbnormalUrlOptions): SecurityFinding[] {
  const minClients = options.normalMinClients ?? 3;
  const minPaths = options.scanMinPaths ?? 20;
  const clientsByPath = new Map<string, Set<string>>();
  for (const tx of options.normalFrom ?? txs) {
    if (tx.status === 0 || tx.status >= 400) continue;
    const p = pathOf(tx);
    let set = clientsByPath.get(p);
    if (!set) clientsByPath.set(p, (set = new Set()));
    set.add(tx.clientIp);
  }
  const normal = (tx: Transaction): boolean => (clientsByPath.get(pathOf(tx))?.size ?? 0) >= minClients;
  const byIp = new Map<string, Group>();
  for (const tx of txs) {
    if (tx.status < 400 || tx.status >= 500 || normal(tx)) continue;
    group(byIp, tx.clientIp, tx, [pathOf(tx)]);
  }
  const out: SecurityFinding[] = [];
  for (const [ip, g] of byIp) {
    if (g.labels.size < minPaths) continue;
    out.push(
      finding(
        'unknown_route_scan',
        ip,
        g,
        minPaths,
        'distinct unknown paths answered 4xx',
        { paths: [...g.labels].slice(0, 20), requests: g.rows.length },
        g.labels.size,
      ),
    );
  }
  return out;
}

function finding(
  rule: SecurityFinding['rule'],
  ip: string,
  g: Group,
  threshold: number,
  unit: string,
  details: SecurityFinding['details'],
  observed = g.rows.length,
): SecurityFinding {
  const rows = [...g.rows].sort((a, b) => a.time - b.time);
  return {
    rule,
    subject: { kind: 'ip', value: ip },
    summary: `${observed} ${unit} from ${ip}`,
    threshold,
    observed,
    unit,
    range: rangeOf(rows),
    rows: rows.slice(0, MAX_FINDING_ROWS),
    rowCount: rows.length,
    details,
  };
}
