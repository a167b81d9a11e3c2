import { randomBytes } from 'node:crypto';
import type { Services } from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { createDeviceCookies, type DeviceCookies } from '../security/device-cookie.ts';
import { createKeyring, type Keyring } from '../security/keyring.ts';
import { argon2Passwords, type PasswordHasher } from '../security/passwords.ts';
import { createRateLimits, type RateLimits } from '../security/rate-limits.ts';
import { createAccountService } from './accounts/account-service.ts';
import { createAuthService } from './accounts/auth-service.ts';
import { createSessionStore, type SessionStore } from './accounts/sessions.ts';
import { createStaffService } from './admin/staff-service.ts';
import { createCartService } from './cart/cart-service.ts';
import { createCatalogAdminService } from './catalog/catalog-admin-service.ts';
import { createCatalogService } from './catalog/catalog-service.ts';
import { catalogCsvRows } from './catalog/csv/export.ts';
import { type CatalogImporter, readCatalogCsv, startCatalogImport } from './catalog/csv/import.ts';
import { placeOrder } from './checkout/place-order.ts';
import { quoteCheckout } from './checkout/quote.ts';
import { shopCurrencies } from './pricing/currencies.ts';

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
}

/** What the services read: the configuration plus what is built from it once. */
export interface ServiceDeps extends ServicesConfig {
  devices: DeviceCookies;
}

/** The contract's services plus what the HTTP layer needs: sessions, catalog files. */
export interface ServerServices extends Services {
  sessions: SessionStore;
  /** The catalog as CSV rows (header first), read a page at a time. */
  catalogCsv: () => AsyncGenerator<string[]>;
  /** CSV imports: read a file, then apply it in the background. */
  catalogImport: CatalogImporter;
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
});

export function createServices(
  db: Database,
  config: ServicesConfig = defaultServicesConfig(),
): ServerServices {
  const deps: ServiceDeps = { ...config, devices: createDeviceCookies(config.keyring, config.now) };
  const sessions = createSessionStore(db, config.now);
  return {
    catalog: createCatalogService(db),
    cart: createCartService(db),
    checkout: {
      quote: (owner, input) => quoteCheckout(db, owner, input),
      placeOrder: (owner, input) => placeOrder(db, owner, input, config.reservationMinutes),
    },
    catalogAdmin: createCatalogAdminService(db),
    catalogCsv: () => catalogCsvRows(db),
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
    sessions,
    demoMode: config.demoMode,
  };
}
