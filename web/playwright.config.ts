// End-to-end tests against a running stack (bin/stack up): the app behind the gateway's origin.
// Playwright's own browser downloads are unreachable here, so it drives Debian's chromium.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/artifacts/results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: process.env.PW_REPORTER ? [[process.env.PW_REPORTER]] : [['list']],
  use: {
    baseURL: process.env.KN_E2E_BASE_URL || process.env.KN_WEB_URL || process.env.KN_GATEWAY_URL || 'http://127.0.0.1:8080',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] },
    screenshot: 'only-on-failure',
    trace: 'off',
    viewport: { width: 1400, height: 900 },
  },
});
