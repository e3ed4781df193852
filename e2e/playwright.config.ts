import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. Every journey runs twice: hydrated ("js") and with JavaScript off
// ("nojs"), on a 360 × 740 phone viewport.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--no-first-run', '--disable-sync', '--disable-quic'],
};
const phone = { ...devices['Pixel 5'], viewport: { width: 360, height: 740 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' };
const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  // One retry: a test that fails and then passes is reported as flaky (scripts/test.sh prints how many), never
  // hidden. Seen flaky on this 2-core machine (see the issue notes): offline.spec's sign-out cache test waiting on
  // the service worker, booking.spec's waiting list (nojs), filing.spec's SJ-001 redirect after submit (nojs).
  retries: 1,
  timeout: 60_000,
  use: { baseURL: `http://127.0.0.1:${port}`, trace: 'retain-on-failure' },
  projects: [
    { name: 'js', use: { ...phone, launchOptions: chromium } },
    // *.jsonly.spec.ts: journeys that exist only with JavaScript (the browser's location, pan and zoom).
    { name: 'nojs', use: { ...phone, launchOptions: chromium, javaScriptEnabled: false }, testIgnore: /\.jsonly\.spec\.ts$/ },
  ],
  webServer: {
    command: '../scripts/e2e-server.sh',
    url: `http://127.0.0.1:${port}/healthz`,
    env: { LEPTOS_SITE_ADDR: `127.0.0.1:${port}` },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
