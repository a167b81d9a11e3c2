import type { Metadata } from 'next';
import { CartView } from '@/components/cart/cart-view';
import { Container } from '@/components/container';
import { PageHeading } from '@/components/ui/page-heading';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getShopCurrency } from '@/trpc/shop-currency';

export const metadata: Metadata = { title: 'Cart', robots: { index: false } };

/**
 * The cart is private (this page is never cached). It is fetched here so the page renders with
 * it; if the API cannot say, the browser asks again and shows why it failed.
 */
export default async function CartPage() {
  const { current } = await getShopCurrency();
  const cart = getTRPC().cart.get.queryOptions({ currency: current });
  await prefetch(cart);
  return (
    <HydrateClient only={[cart.queryKey]}>
      <Container className="pt-8 pb-24 sm:pt-12">
        <PageHeading title="Your cart" />
        <div className="mt-8">
          <CartView currency={current} />
        </div>
      </Container>
    </HydrateClient>
  );
}
