import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { getQueryClient, getTRPC, HydrateClient } from '@/trpc/server';
import { getShopCurrency } from '@/trpc/shop-currency';

export default async function ShopLayout({ children }: { children: ReactNode }) {
  const currency = await getShopCurrency();
  // The header's category nav reads this from the hydrated cache.
  const categories = getTRPC().catalog.categories.queryOptions({ currency: currency.current });
  // The header's cart count (and the cart page) read the visitor's cart; if the API cannot say,
  // the header shows an empty cart rather than failing the page.
  const cart = getTRPC().cart.get.queryOptions({ currency: currency.current });
  await Promise.all([
    getQueryClient().fetchQuery(categories),
    getQueryClient().prefetchQuery(cart),
  ]);
  return (
    <HydrateClient only={[categories.queryKey, cart.queryKey]}>
      <SiteHeader currency={currency} />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </HydrateClient>
  );
}
