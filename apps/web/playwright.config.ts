import { defineConfig, devices } from '@playwright/test';

// Overridable so several checkouts can run their e2e suites side by side.
const WEB_PORT = Number(process.env.E2E_WEB_PORT ?? 3100);
const API_PORT = Number(process.env.E2E_API_PORT ?? 4100);
process.env.E2E_WEB_ORIGIN = `http://127.0.0.1:${WEB_PORT}`;
const API_URL = `http://127.0.0.1:${API_PORT}`;
process.env.E2E_API_URL = API_URL;
const reuse = !process.env.CI;

export default defineConfig({
  testDir: './e2e',
  // The Stripe checkout runs against another API: playwright.stripe.config.ts.
  testIgnore: 'stripe/**',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: process.env.CI ? 2 : undefined,
  // Two workers with chromium on two cores reach a load of ~14: the longest flows took 21–30 s
  // there and timed out at 30 s. Each step still waits at most the expect timeout.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://127.0.0.1:${WEB_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          // Debian's chromium; never `playwright install`.
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      // Fresh `bazaar_e2e` database, migrated and seeded with the demo catalog on start.
      command: './e2e/start-api.sh',
      url: `${API_URL}/readyz`,
      env: { E2E_API_PORT: String(API_PORT), E2E_PUBLIC_URL: `http://127.0.0.1:${WEB_PORT}` },
      reuseExistingServer: reuse,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // A production build run by the web server (server.ts), as `pnpm start` runs it. API_URL is
      // needed at build time too (the rewrites are baked in).
      command: 'pnpm build && pnpm start',
      // Renders even while the API is down: readiness should not depend on the API.
      url: `http://127.0.0.1:${WEB_PORT}/admin/sign-in`,
      env: {
        API_URL,
        WEB_PORT: String(WEB_PORT),
        WEB_HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${WEB_PORT}`,
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: reuse,
      timeout: 240_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
