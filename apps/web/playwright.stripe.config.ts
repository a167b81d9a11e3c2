import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * The storefront's Stripe checkout: the same web server (same ports, so the same build), an API
 * configured with PAYMENT_PROVIDER=stripe on a fresh database, and that API's Stripe SDK pointed
 * at a local stub of Stripe's HTTP API (Stripe is not reachable from here). The browser's
 * Stripe.js is a stand-in served by the test (see e2e/stripe/fake-stripe-js.ts). Runs after the
 * main suite (`pnpm test:e2e`), whose servers must have stopped.
 */
const STUB_PORT = Number(process.env.E2E_STRIPE_STUB_PORT ?? 12111);
process.env.E2E_STRIPE_STUB_URL = `http://127.0.0.1:${STUB_PORT}`;
type WebServer = Exclude<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>;
const [api, web] = base.webServer as [WebServer, WebServer];

export default defineConfig({
  ...base,
  testDir: './e2e/stripe',
  testIgnore: undefined,
  webServer: [
    {
      command: `pnpm --dir ../.. exec tsx apps/api/test/stripe-stub-server.ts ${STUB_PORT}`,
      port: STUB_PORT,
      reuseExistingServer: !process.env.CI,
      timeout: 30_000,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      ...api,
      env: {
        ...api.env,
        E2E_DATABASE: process.env.E2E_STRIPE_DATABASE ?? 'bazaar_e2e_stripe',
        PAYMENT_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_bazaar_e2e',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_bazaar_e2e',
        STRIPE_WEBHOOK_SECRET: 'whsec_bazaar_e2e',
        STRIPE_API_URL: `http://127.0.0.1:${STUB_PORT}`,
      },
    },
    // The main suite's build, when there is one: the ports are the same, so it fits.
    { ...web, command: 'test -f .next/BUILD_ID -a -f dist/server.js || pnpm build; pnpm start' },
  ],
});
