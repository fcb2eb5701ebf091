/**
 * Serves the web dashboard: the page at `/` and its static files at `/assets/…` — the hand-written
 * ES modules and stylesheet in `web/assets/` and ECharts from the installed package (no CDN: the
 * dashboard works on a machine with no network). The asset list is read once at start-up, so a
 * request path can never name a file outside it.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Hono } from 'hono';
import { PromptOpsError } from '../errors/promptops-error.js';

const WEB_DIR = import.meta.dirname;
const ASSETS_DIR = path.join(WEB_DIR, 'assets');

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
};

/** Asset name → absolute file; the only files `/assets/` can serve. */
function assetTable(): Map<string, string> {
  const table = new Map<string, string>();
  for (const name of fs.readdirSync(ASSETS_DIR)) {
    if (CONTENT_TYPES[path.extname(name)] !== undefined) table.set(name, path.join(ASSETS_DIR, name));
  }
  const require = createRequire(import.meta.url);
  table.set('echarts.min.js', require.resolve('echarts/dist/echarts.min.js'));
  return table;
}

/**
 * The strict policy the page runs under: everything from this origin, nothing inline but styles
 * (ECharts sets inline styles on its own elements), no framing by other sites.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function registerDashboard(app: Hono): void {
  const page = fs.readFileSync(path.join(WEB_DIR, 'dashboard.html'), 'utf8');
  const assets = assetTable();
  const cache = new Map<string, Uint8Array<ArrayBuffer>>();

  app.get('/', (c) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-cache');
    return c.html(page);
  });

  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const file = assets.get(name);
    if (file === undefined) throw new PromptOpsError('not_found', `no asset '${name}'`);
    let body = cache.get(name);
    if (body === undefined) {
      body = new Uint8Array(fs.readFileSync(file));
      cache.set(name, body);
    }
    return c.body(body, 200, {
      'Content-Type': CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      // Assets change only with a new build of the server; revalidate rather than trust a stale copy.
      'Cache-Control': 'no-cache',
    });
  });
}
