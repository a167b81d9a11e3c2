import type { Metadata } from 'next';
import { getSessionState } from '@/components/account/session';
import { type CheckoutCustomer, CheckoutFlow } from '@/components/checkout/checkout-flow';
import { Container } from '@/components/container';
import { PageHeading } from '@/components/ui/page-heading';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getShopCurrency } from '@/trpc/shop-currency';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Checkout', robots: { index: false } };

/**
 * The checkout. The cart, and a signed-in customer's saved addresses, are fetched here so the
 * flow renders with them and the default address is preselected on the first render.
 */
export default async function CheckoutPage() {
  const shop = getShopCurrency();
  // The cart needs only the currency: it is fetched alongside the session, not after it.
  const cart = shop.then(({ current }) =>
    prefetch(getTRPC().cart.get.queryOptions({ currency: current })),
  );
  const [{ current }, session] = await Promise.all([shop, getSessionState()]);
  const customer: CheckoutCustomer | null =
    session.status === 'signed-in' ? { email: session.user.email, kind: session.user.kind } : null;
  if (customer?.kind === 'customer') void prefetch(getTRPC().account.addresses.list.queryOptions());
  await cart;
  return (
    <HydrateClient>
      <Container className="pt-8 pb-24 sm:pt-12">
        <PageHeading title="Checkout" />
        <div className="mt-8">
          <CheckoutFlow currency={current} customer={customer} />
        </div>
      </Container>
    </HydrateClient>
  );
}
