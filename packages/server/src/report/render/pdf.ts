/**
 * The report as PDF: the self-contained HTML printed by headless Chromium (playwright-core driving the
 * system's browser, never a downloaded one). Korean text uses the system's Noto Sans CJK, which
 * Chromium subsets and embeds into the PDF, so the file reads the same on a machine without the font.
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { PromptOpsError } from '../../errors/promptops-error.js';

/** Where the browser is looked for: PROMPTOPS_CHROMIUM, then Debian's and common paths. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string | undefined {
  const fromEnv = process.env.PROMPTOPS_CHROMIUM;
  const list = fromEnv ? [fromEnv] : CANDIDATES;
  return list.find((p) => {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export async function renderPdf(html: string, options: { timeoutMs?: number } = {}): Promise<Buffer> {
  const executablePath = chromiumPath();
  if (executablePath === undefined)
    throw new PromptOpsError(
      'unavailable',
      'PDF reports need Chromium (apt-get install chromium, or set PROMPTOPS_CHROMIUM); HTML, XLSX and CSV work without it',
    );
  const timeout = options.timeoutMs ?? 60_000;
  let browser;
  try {
    browser = await chromium.launch({ executablePath, args: ARGS, headless: true, timeout });
  } catch (cause) {
    throw new PromptOpsError('unavailable', `cannot start Chromium at ${executablePath}`, { cause });
  }
  try {
    // No scripts and no network: the document is self-contained and data strings never execute.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return Buffer.from(pdf);
  } catch (cause) {
    throw PromptOpsError.from(cause);
  } finally {
    await browser.close();
  }
}
