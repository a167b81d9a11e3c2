import type { Services } from '@bazaar/contracts';
import type { Database } from '@bazaar/db';
import { createRateLimits, type RateLimits } from '../security/rate-limits.ts';
import { createAccountService } from './accounts/account-service.ts';
import { createAuthService } from './accounts/auth-service.ts';
import { createSessionStore, type SessionStore } from './accounts/sessions.ts';
import { createStaffService } from './admin/staff-service.ts';
import { createCatalogService } from './catalog/catalog-service.ts';

export interface ServicesConfig {
  /** The shop's public origin; links in emails point here. */
  publicUrl: string;
  demoMode: boolean;
  rateLimits: RateLimits;
  /** True when no SMTP server is configured and mail stays in the development mailbox. */
  devMailbox: boolean;
  mailQueued: () => void;
}

/** The contract's services plus what the HTTP layer needs to resolve sessions. */
export interface ServerServices extends Services {
  sessions: SessionStore;
  demoMode: boolean;
}

export const defaultServicesConfig = (): ServicesConfig => ({
  publicUrl: 'http://localhost:3000',
  demoMode: false,
  rateLimits: createRateLimits(),
  devMailbox: true,
  mailQueued: () => {},
});

export function createServices(
  db: Database,
  config: ServicesConfig = defaultServicesConfig(),
): ServerServices {
  const sessions = createSessionStore(db);
  return {
    catalog: createCatalogService(db),
    auth: createAuthService(db, sessions, config),
    account: createAccountService(db, sessions, config),
    staff: createStaffService(db, sessions, config),
    sessions,
    demoMode: config.demoMode,
  };
}
