import type { ShopSettingsService } from '@bazaar/contracts/server';
import type { Database } from '@bazaar/db';
import { createDiscountAdmin } from './discount-admin.ts';
import { createShippingAdmin } from './shipping-admin.ts';
import { createTaxAdmin } from './tax-admin.ts';

/** Checkout settings for the admin: shipping methods, tax rates, discount codes. */
export function createShopSettingsService(db: Database): ShopSettingsService {
  return {
    ...createShippingAdmin(db),
    ...createTaxAdmin(db),
    ...createDiscountAdmin(db),
  };
}
