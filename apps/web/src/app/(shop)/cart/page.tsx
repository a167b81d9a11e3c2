import type { Metadata } from 'next';
import { CartView } from '@/components/cart/cart-view';
import { Container } from '@/components/container';
import { PageHeading } from '@/components/ui/page-heading';
import { getShopCurrency } from '@/trpc/shop-currency';

export const metadata: Metadata = { title: 'Cart', robots: { index: false } };

/** The cart is private: the shop layout has already fetched it for the header. */
export default async function CartPage() {
  const { current } = await getShopCurrency();
  return (
    <Container className="pt-8 pb-24 sm:pt-12">
      <PageHeading title="Your cart" />
      <div className="mt-8">
        <CartView currency={current} />
      </div>
    </Container>
  );
}
