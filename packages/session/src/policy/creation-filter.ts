/**
 * Session-creation filter: static assets, health checks and crawlers get no session, because each one
 * would count as an "active session" without being a user. Skipped requests are counted as avoided.
 */
import type { FilterOptions } from '../core/store-options.js';

/** Crawlers, link previewers and health checkers seen in real access logs. */
export const CRAWLER_PATTERNS: RegExp[] = [
  /bot\b|bot\/|crawler|spider|slurp|scrapy/i,
  /googlebot|bingbot|duckduckbot|baiduspider|yandex|sogou|exabot|applebot|petalbot|yeti\/|daum/i,
  /facebookexternalhit|facebot|twitterbot|linkedinbot|slackbot|telegrambot|discordbot|whatsapp/i,
  /semrush|ahrefs|mj12bot|dotbot|bytespider|gptbot|claudebot|ccbot|perplexitybot|ia_archiver/i,
  /kube-probe|elb-healthchecker|googlehc|uptimerobot|pingdom|statuscake|nagios|zabbix|prometheus|blackbox/i,
];

export interface RequestInfo {
  path: string;
  userAgent?: string;
}

export class CreationFilter {
  private readonly extension: RegExp | undefined;
  private readonly prefixes: string[];
  private readonly patterns: RegExp[];
  private readonly crawlers: RegExp[];

  constructor(private readonly options: FilterOptions) {
    const ext = options.extensions.map((e) => e.replace(/^\./, '').replace(/[^a-z0-9]/gi, ''));
    this.extension = ext.length ? new RegExp(`\\.(?:${ext.join('|')})$`, 'i') : undefined;
    const all = [...options.paths, ...options.extraPaths];
    this.prefixes = all.filter((p): p is string => typeof p === 'string');
    this.patterns = all.filter((p): p is RegExp => p instanceof RegExp);
    const c = options.crawlers;
    this.crawlers =
      c === true ? CRAWLER_PATTERNS : c === false ? [] : c.map((p) => (p instanceof RegExp ? p : new RegExp(p, 'i')));
  }

  /** Why this request should get no session, or undefined when it should get one. */
  skipReason(req: RequestInfo): 'static' | 'path' | 'crawler' | undefined {
    if (!this.options.enabled) return undefined;
    const q = req.path.indexOf('?');
    const path = q < 0 ? req.path : req.path.slice(0, q);
    if (this.extension?.test(path)) return 'static';
    if (this.prefixes.some((p) => path === p || (p.endsWith('/') ? path.startsWith(p) : path.startsWith(`${p}/`)))) {
      return 'path';
    }
    if (this.patterns.some((p) => p.test(path))) return 'path';
    if (req.userAgent && this.crawlers.some((p) => p.test(req.userAgent ?? ''))) return 'crawler';
    return undefined;
  }
}
