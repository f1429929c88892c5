/**
 * Headless chromium for the report tests (Debian's package, driven by playwright-core). When it is
 * absent, the browser tests skip with NO_CHROMIUM as their message; nothing else skips.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** QUARTERHOUR_CHROMIUM, when set, is the only place looked at. */
const CANDIDATES = process.env.QUARTERHOUR_CHROMIUM ? [process.env.QUARTERHOUR_CHROMIUM] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const CHROMIUM: string | undefined = CANDIDATES.find((p) => fs.existsSync(p));

export const NO_CHROMIUM = `chromium was not found (looked for ${CANDIDATES.join(', ')}): browser tests of the HTML report skipped; install it with 'apt-get install chromium' (or set QUARTERHOUR_CHROMIUM to its path)`;

export async function launch(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught page errors and failed requests seen so far. */
  errors: string[];
  dialogs: string[];
}

/** Open a report file, collecting errors and dialogs, and wait until its script has finished. */
export async function openReport(browser: Browser, file: string): Promise<OpenedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) errors.push(`network request: ${r.url()}`);
  });
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });
  return { page, errors, dialogs };
}
