// The install test's browser part: Chromium signs in to the fresh app as
// guest, opens Event Streaming from the sidebar, waits for what the state must
// show, and takes a screenshot.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { repoRoot } from '../toolchain.mjs';

const require = createRequire(path.join(repoRoot, 'package.json'));

export const SCREENSHOTS = path.join(repoRoot, 'test-results', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Opens Event Streaming in the app at `baseUrl`; resolves with the screenshot
 * path once every text in `expectTexts` is visible, else throws with what the
 * page showed.
 */
export async function openEventStreaming({
  chromiumPath,
  baseUrl,
  expectTexts,
  screenshot,
}) {
  const { chromium } = require('playwright-core');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, screenshot);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const errors = [];
  try {
    const page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
    });
    page.on('pageerror', error => errors.push(error.message));
    await page.goto(baseUrl, { timeout: 60_000 });
    // The sign-in page of a fresh app offers the guest provider ("Enter").
    const enter = page.getByRole('button', { name: /^enter$/i });
    const nav = page.getByRole('link', { name: 'Event Streaming' }).first();
    await Promise.race([
      enter.waitFor({ timeout: 60_000 }),
      nav.waitFor({ timeout: 60_000 }),
    ]);
    if (await enter.isVisible()) await enter.click();
    await nav.click({ timeout: 60_000 });
    try {
      for (const text of expectTexts) {
        await page
          .getByText(text, { exact: false })
          .first()
          .waitFor({ timeout: 60_000 });
      }
      // Let the page settle (the health card loads on its own).
      await page.waitForLoadState('networkidle', { timeout: 15_000 });
    } finally {
      await page.screenshot({ path: file, fullPage: true });
    }
    return file;
  } catch (error) {
    const seen = errors.length ? ` (page errors: ${errors.join('; ')})` : '';
    throw new Error(
      `${error.message.split('\n')[0]}${seen}; screenshot: ${path.relative(
        repoRoot,
        file,
      )}`,
    );
  } finally {
    await browser.close();
  }
}
