/**
 * The web dashboard in a real browser (Debian's Chromium via playwright-core) against a real
 * collector and listener fed with live traffic during the test: the page loads with ECharts from the
 * server, the live CCU changes as users arrive, the language follows the browser and switches, the
 * keyboard reaches the ask box, a Korean question gets an answer with a chart, history and sessions
 * render (sessions masked). Screenshots are kept under test-results/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../packages/server/src/api/server.js';
import { openCollector, type Collector } from '../packages/server/src/collector/collector.js';
import { seededRandom, syntheticTransaction } from '../packages/server/src/collector/testing/synthetic-traffic.js';
import { findBinary, requireService } from './support/services.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = requireService('Chromium', findBinary(CHROMIUM) !== undefined, `${CHROMIUM} is not installed`);
const shots = path.resolve(import.meta.dirname, '../test-results/screenshots');
const INSTANCES = ['was1', 'was2', 'was3'];

let tmp: string;
let collector: Collector;
let server: RunningServer;
let browser: Browser;
let feeder: NodeJS.Timeout | undefined;
let users = 0;

/** Live traffic: every 300 ms a few more users arrive (so CCU rises) and known users keep clicking. */
function feed(): void {
  const rand = seededRandom(users + 1);
  const now = Date.now();
  const txs = [];
  for (let k = 0; k < 3; k++) users++;
  for (const u of [1, ...Array.from({ length: 12 }, (_, k) => users - 12 + k).filter((u) => u > 1)]) {
    const tx = syntheticTransaction(rand, now, u, INSTANCES[u % INSTANCES.length]!);
    // One user carries an e-mail as its id: the sessions view must mask it.
    if (u === 1) tx.userId = 'hong.gildong@example.com';
    txs.push(tx);
  }
  collector.transactions(txs);
  collector.metrics(
    INSTANCES.flatMap((instance, i) => [
      { time: now, instance, metric: 'cpu' as const, value: 0.2 + 0.1 * i },
      { time: now, instance, metric: 'memory' as const, value: (2 + i) * 1024 ** 3 },
      { time: now, instance, metric: 'sessions' as const, value: 40 + users },
    ]),
  );
}

async function openPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  (page as Page & { jsErrors?: string[] }).jsErrors = errors;
  await page.goto(server.url + '/');
  return page;
}

const jsErrors = (page: Page) => (page as Page & { jsErrors?: string[] }).jsErrors ?? [];

describe.skipIf(!hasChromium)('web dashboard in Chromium', () => {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'promptops-web-'));
    collector = await openCollector({ dataDir: path.join(tmp, 'data'), modes: 'user,ip' });
    server = await startServer({ collector, port: 0, log: () => undefined, closeGraceMs: 200 });
    feed();
    feeder = setInterval(feed, 300);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    if (feeder) clearInterval(feeder);
    await browser?.close();
    await server?.close();
    await collector?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('loads, shows live CCU that changes as users arrive, and draws the live chart', async () => {
    const page = await openPage('en-US');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    const ccu = page.locator('#ccu-value');
    await expect
      .poll(async () => Number((await ccu.textContent())?.replace(/,/g, '')), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const first = await ccu.textContent();
    await expect.poll(async () => await ccu.textContent(), { timeout: 15_000, interval: 500 }).not.toBe(first);
    expect(await ccu.getAttribute('aria-live')).toBe('polite');
    // The second configured mode (ip) is shown beside the default one.
    expect(await page.locator('#ccu-mode').textContent()).toMatch(/by ip: \d+/);
    // Rates need two samples; p95 and per-instance rows follow.
    await expect.poll(async () => await page.locator('#tps-value').textContent(), { timeout: 10_000 }).not.toBe('–');
    await expect.poll(() => page.locator('#instances-table tbody tr').count()).toBe(INSTANCES.length + 1);
    // CPU and memory per instance come from the host metrics fed beside the traffic.
    const was2 = page.locator('#instances-table tbody tr', { hasText: 'was2' });
    await expect.poll(async () => await was2.locator('td').nth(6).textContent(), { timeout: 10_000 }).toBe('30 %');
    expect(await was2.locator('td').nth(7).textContent()).toBe('3 GiB');
    const total = page.locator('#instances-table tbody tr').last();
    await expect.poll(async () => await total.locator('td').nth(7).textContent(), { timeout: 10_000 }).toBe('9 GiB');
    expect(await page.locator('#live-status').textContent()).toBe('Live: updated every 2 s');
    expect(await page.locator('#live-chart canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#sessions-value').textContent()).not.toBe('–');
    await page.screenshot({ path: path.join(shots, 'web-live-en.png'), fullPage: true });
    expect(jsErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('follows a Korean browser and switches language on demand', async () => {
    const page = await openPage('ko-KR');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.locator('#tab-live').textContent()).toBe('실시간');
    await expect.poll(async () => await page.locator('#ccu-value').textContent(), { timeout: 15_000 }).not.toBe('–');
    await page.screenshot({ path: path.join(shots, 'web-live-ko.png'), fullPage: true });
    await page.locator('#tab-sessions').click();
    await expect.poll(() => page.locator('#sessions-table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await page.locator('#sessions-table thead').textContent()).toContain('접속 시간');
    await page.screenshot({ path: path.join(shots, 'web-sessions-ko.png'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#tab-live').textContent()).toBe('Live');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    // The choice is remembered on reload.
    await page.reload();
    expect(await page.locator('#tab-ask').textContent()).toBe('Ask');
    expect(jsErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('reaches the ask box by keyboard and answers a Korean question with a chart', async () => {
    const page = await openPage('ko-KR');
    // Tab into the tab list, arrow to "질문" (Ask), Enter, then Tab into the panel's input.
    await page.locator('#tab-live').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-ask');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('tab-ask');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ask-input');
    await page.keyboard.type('최근 1시간 동접 추이 보여줘');
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => await page.locator('#ask-intent').textContent(), { timeout: 30_000 })
      .toContain('concurrent_users.trend');
    const answer = (await page.locator('#ask-answer').textContent()) ?? '';
    expect(answer).toMatch(/[\uac00-\ud7a3]/);
    expect(await page.locator('#ask-chart-box').isHidden()).toBe(false);
    await expect.poll(() => page.locator('#ask-chart canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('#ask-evidence li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(shots, 'web-ask-ko.png'), fullPage: true });
    // An example question answers too (and is a real button in the tab order).
    await page.locator('#ask-examples button').first().click();
    await expect
      .poll(async () => await page.locator('#ask-intent').textContent(), { timeout: 30_000 })
      .toContain('concurrent_users.now');
    expect(jsErrors(page)).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('draws history with its controls and the seasonality heat map', async () => {
    const page = await openPage('en-US');
    await page.locator('#tab-history').click();
    await expect
      .poll(async () => await page.locator('#history-status').textContent(), { timeout: 30_000 })
      .toMatch(/points at step 1m/);
    expect(await page.locator('#history-chart canvas').count()).toBeGreaterThan(0);
    await page.locator('select[name=range]').selectOption('7d');
    await page.locator('select[name=overlay]').selectOption('week');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect
      .poll(async () => await page.locator('#history-status').textContent(), { timeout: 30_000 })
      .toMatch(/step 5m/);
    await page.screenshot({ path: path.join(shots, 'web-history-en.png'), fullPage: true });
    expect(jsErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it("lists logged-in users with personal data masked and shows one user's requests", async () => {
    const page = await openPage('en-US');
    await page.locator('#tab-sessions').click();
    await expect.poll(() => page.locator('#sessions-table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const text = (await page.locator('#sessions-table').textContent()) ?? '';
    expect(text).not.toContain('hong.gildong@example.com');
    expect(text).toMatch(/hon\S*\*+@example\.com/);
    // Client addresses are masked too (no full 10.x.y.z address on screen).
    expect(text).not.toMatch(/\b10\.\d+\.\d+\.\d+\b/);
    await page.locator('#sessions-table tbody button').first().click();
    await expect.poll(() => page.locator('#requests-table tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(shots, 'web-sessions-en.png'), fullPage: true });
    expect(jsErrors(page)).toEqual([]);
    await page.context().close();
  }, 60_000);
});
