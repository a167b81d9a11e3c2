import 'server-only';

import { cookies } from 'next/headers';
import { cache } from 'react';
import { CURRENCY_COOKIE, pickCurrency } from '@/lib/currency';
import { getQueryClient, getTRPC } from './server';

/**
 * The currency this request shows prices in (the shopper's remembered choice, if the shop still
 * sells in it) and the shop's currencies for the switcher. Every catalog query of a page passes
 * it explicitly, so the server prefetch and the browser ask for the same thing.
 */
export const getShopCurrency = cache(async () => {
  const [jar, currencies] = await Promise.all([
    cookies(),
    getQueryClient().fetchQuery(getTRPC().catalog.currencies.queryOptions()),
  ]);
  return {
    current: pickCurrency(jar.get(CURRENCY_COOKIE)?.value, currencies),
    currencies,
  };
});
