import { randomBytes } from 'node:crypto';
import type { Services } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { pino } from 'pino';
import type { CacheStore } from '../cache/store.ts';
import type { Logger } from '../logger.ts';
import { createDeviceCookies, type DeviceCookies } from '../security/device-cookie.ts';
import { createKeyring, type Keyring } from '../security/keyring.ts';
import { argon2Passwords, type PasswordHasher } from '../security/passwords.ts';
import { createRateLimits, type RateLimits } from '../security/rate-limits.ts';
import { createAccountService } from './accounts/account-service.ts';
import { createAuthService } from './accounts/auth-service.ts';
import { createSessionStore, type SessionStore } from './accounts/sessions.ts';
import { type ApiKeys, createApiKeys } from './admin/api-keys.ts';
import { createStaffService } from './admin/staff-service.ts';
import { createCartService } from './cart/cart-service.ts';
import { createCachedCatalogService } from './catalog/cached-catalog-service.ts';
import { createCatalogAdminService } from './catalog/catalog-admin-service.ts';
import { createCatalogService } from './catalog/catalog-service.ts';
import { createCatalogVersion, readCatalogVersion } from './catalog/catalog-version.ts';
import { catalogCsvRows } from './catalog/csv/export.ts';
import { type CatalogImporter, readCatalogCsv, startCatalogImport } from './catalog/csv/import.ts';
import { reportingChanges } from './catalog/own-writes.ts';
import { createSitemapSource, type SitemapSource } from './catalog/sitemap-source.ts';
import { confirmTestPayment, paymentResult } from './checkout/payment-result.ts';
import { placeOrder } from './checkout/place-order.ts';
import { quoteCheckout } from './checkout/quote.ts';
import { createOrderAdminService } from './orders/order-admin-service.ts';
import { createOrderService } from './orders/order-service.ts';
import { createPayments, type Payments } from './payments/payments.ts';
import type { PaymentProvider } from './payments/provider.ts';
import { createTestProvider, type TestPaymentProvider } from './payments/test-provider.ts';
import { shopCurrencies } from './pricing/currencies.ts';
import { createShopSettingsService } from './settings/shop-settings-service.ts';
import type { ShopMetrics } from './shop-metrics.ts';

export interface ServicesConfig {
  /** The shop's public origin; links in emails point here. */
  publicUrl: string;
  demoMode: boolean;
  rateLimits: RateLimits;
  /** True in demo mode without an SMTP server: mail stays in the development mailbox. */
  devMailbox: boolean;
  mailQueued: () => void;
  passwords: PasswordHasher;
  /** Seals TOTP keys and signs device cookies (`SECRET_KEYS`). */
  keyring: Keyring;
  /** The clock for session expiry and TOTP time steps. */
  now: () => Date;
  /** Minutes an unpaid order holds its stock (`ORDER_RESERVATION_MINUTES`). */
  reservationMinutes: number;
  log: Logger;
  /**
   * The payment provider; the offline test provider when absent, which signs its webhooks with
   * `testWebhookSecret` and sends them to `webhookUrl()` (our own endpoint, once listening).
   */
  paymentProvider?: PaymentProvider;
  testWebhookSecret: string;
  webhookUrl: () => string | null;
  /** Work for the payments worker: test webhooks to send, refunds to retry. */
  paymentsQueued: () => void;
  /** URLs per product sitemap file; the protocol's 50,000 when absent (tests use a few). */
  sitemapUrlsPerFile?: number;
  /**
   * Caches the storefront's catalog reads here (Redis or this process). Absent: uncached, as most
   * tests want (they edit the catalog with SQL and read it back at once).
   */
  catalogCache?: CatalogCacheConfig;
  /** Counts checkouts and payment outcomes for `/metrics`; nothing is counted when absent. */
  metrics?: ShopMetrics;
}

export interface CatalogCacheConfig {
  store: CacheStore;
  /** How often the catalog version is read; another instance's edit shows within this. */
  versionPollMs?: number;
}

/** What the services read: the configuration plus what is built from it once. */
export interface ServiceDeps extends ServicesConfig {
  devices: DeviceCookies;
}

/** The contract's services plus what the HTTP layer needs: sessions, catalog files. */
export interface ServerServices extends Services {
  sessions: SessionStore;
  /** Staff API keys, including checking a bearer token. */
  apiKeys: ApiKeys;
  /** The catalog as CSV rows (header first), read a page at a time. */
  catalogCsv: () => AsyncGenerator<string[]>;
  /** CSV imports: read a file, then apply it in the background. */
  catalogImport: CatalogImporter;
  /** The shown catalog for `/sitemap.xml` and its files. */
  sitemaps: SitemapSource;
  /** Payment sessions, provider events (the webhook endpoint), refunds. */
  payments: Payments;
  /** The offline provider when it is the one in use (its card form and webhook sender). */
  testPayments: TestPaymentProvider | null;
  demoMode: boolean;
}

export const defaultServicesConfig = (): ServicesConfig => ({
  publicUrl: 'http://localhost:3000',
  demoMode: false,
  rateLimits: createRateLimits(),
  devMailbox: true,
  mailQueued: () => {},
  passwords: argon2Passwords,
  keyring: createKeyring([randomBytes(32)]),
  now: () => new Date(),
  reservationMinutes: 15,
  log: pino({ level: 'silent' }),
  testWebhookSecret: randomBytes(32).toString('base64url'),
  webhookUrl: () => null,
  paymentsQueued: () => {},
});

export function createServices(
  db: Database,
  config: ServicesConfig = defaultServicesConfig(),
): ServerServices {
  const deps: ServiceDeps = { ...config, devices: createDeviceCookies(config.keyring, config.now) };
  const sessions = createSessionStore(db, config.now);
  const testPayments = config.paymentProvider
    ? null
    : createTestProvider(db, {
        webhookSecret: config.testWebhookSecret,
        webhookUrl: config.webhookUrl,
        queued: config.paymentsQueued,
        log: config.log,
      });
  const payments = createPayments({
    db,
    provider: config.paymentProvider ?? (testPayments as TestPaymentProvider),
    publicUrl: config.publicUrl,
    mailQueued: config.mailQueued,
    log: config.log,
    metrics: config.metrics,
  });
  const catalog = createCatalogService(db);
  const catalogAdmin = createCatalogAdminService(db);
  const version = config.catalogCache
    ? createCatalogVersion(() => readCatalogVersion(db), {
        intervalMs: config.catalogCache.versionPollMs,
        log: config.log,
      })
    : null;
  return {
    catalog:
      config.catalogCache && version
        ? createCachedCatalogService(catalog, {
            store: config.catalogCache.store,
            version,
            log: config.log,
          })
        : catalog,
    cart: createCartService(db),
    checkout: {
      quote: (owner, input) => quoteCheckout(db, owner, input),
      placeOrder: (owner, input) =>
        placeOrder(db, payments, owner, input, config.reservationMinutes, config.metrics),
      confirmTestPayment: (input) => confirmTestPayment(db, payments, testPayments, input),
      paymentResult: (input) => paymentResult(db, payments, input),
      paymentOptions: () => payments.options,
    },
    orders: createOrderService(db, config.rateLimits),
    ordersAdmin: createOrderAdminService({
      db,
      payments,
      publicUrl: config.publicUrl,
      mailQueued: config.mailQueued,
    }),
    payments,
    testPayments,
    catalogAdmin: version ? reportingChanges(catalogAdmin, version.changed) : catalogAdmin,
    shopSettings: createShopSettingsService(db),
    catalogCsv: () => catalogCsvRows(db),
    sitemaps: createSitemapSource(db, config.publicUrl, config.sitemapUrlsPerFile),
    catalogImport: {
      read: async (text) =>
        readCatalogCsv(
          text,
          (await shopCurrencies(db)).map((c) => c.code),
        ),
      start: (actorId, rows, log) => startCatalogImport(db, actorId, rows, log),
    },
    auth: createAuthService(db, sessions, deps),
    account: createAccountService(db, sessions, deps),
    staff: createStaffService(db, sessions, deps),
    apiKeys: createApiKeys(db, config.now),
    sessions,
    demoMode: config.demoMode,
  };
}
