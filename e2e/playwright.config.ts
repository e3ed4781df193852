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
// The window screen's soak test (*.soak.spec.ts) has a server of its own: rating codes that rotate every second on a
// test clock that runs (PALM_CLOCK_RUNS), its own SQLite database. It runs once, in the SQLite pass.
const soakPort = port + 1;

const server = { command: '../scripts/e2e-server.sh', reuseExistingServer: false, timeout: 60_000, stdout: 'ignore' as const, stderr: 'pipe' as const };

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
    // First, so its ten minutes run beside the other journeys rather than after them.
    { name: 'soak', use: { ...phone, launchOptions: chromium, baseURL: `http://127.0.0.1:${soakPort}` }, testMatch: /\.soak\.spec\.ts$/ },
    { name: 'js', use: { ...phone, launchOptions: chromium }, testIgnore: /\.soak\.spec\.ts$/ },
    // *.jsonly.spec.ts: journeys that exist only with JavaScript (the browser's location, pan and zoom).
    { name: 'nojs', use: { ...phone, launchOptions: chromium, javaScriptEnabled: false }, testIgnore: /\.(jsonly|soak)\.spec\.ts$/ },
  ],
  webServer: [
    { ...server, url: `http://127.0.0.1:${port}/healthz`, env: { LEPTOS_SITE_ADDR: `127.0.0.1:${port}` } },
    {
      ...server,
      url: `http://127.0.0.1:${soakPort}/healthz`,
      env: { LEPTOS_SITE_ADDR: `127.0.0.1:${soakPort}`, E2E_DATABASE_URL: '', PALM_CLOCK_RUNS: '1', PALM_RATE_ROTATE_SECS: '1' },
    },
  ],
});
