import { defineConfig } from '@playwright/test';

/**
 * Browser tests. `npm test` starts the stack on its own ports and sets
 * E2E_BASE_URL; Chromium is Debian's (CHROMIUM_PATH), because Playwright
 * cannot download its own browser on these machines.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: true,
  retries: 0,
  // Two browsers at once: most of a test's time is waiting for the stack (a
  // sampler cycle, a catalog refresh, a connector's state), and each test
  // works on its own resources.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  outputDir: 'test-results/playwright',
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: process.env.E2E_RESULTS ?? 'test-results/playwright.json' },
    ],
  ],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // Chromium as root in a closed network: no sandbox, no background traffic.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
