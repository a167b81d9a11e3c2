import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { getQueryClient, getTRPC, HydrateClient } from '@/trpc/server';
import { getShopCurrency } from '@/trpc/shop-currency';

export default async function ShopLayout({ children }: { children: ReactNode }) {
  const currency = await getShopCurrency();
  // The header's category nav reads this from the hydrated cache.
  const categories = getTRPC().catalog.categories.queryOptions({ currency: currency.current });
  await getQueryClient().fetchQuery(categories);
  // Nothing of the visitor's cart is rendered here: the header's cart count is fetched by the
  // browser (components/cart/cart-link.tsx), so a guest with a cart gets the same page as anyone
  // and the page cache can serve it. The cart and checkout pages prefetch the cart themselves.
  return (
    <HydrateClient only={[categories.queryKey]}>
      <SiteHeader currency={currency} />
      <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
        {children}
      </main>
      <SiteFooter />
    </HydrateClient>
  );
}
