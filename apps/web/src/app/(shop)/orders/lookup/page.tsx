import type { Metadata } from 'next';
import Link from 'next/link';
import { Container } from '@/components/container';
import { OrderLookup } from '@/components/orders/order-lookup';
import { PageHeading } from '@/components/ui/page-heading';
import { linkClass } from '@/components/ui/styles';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Find your order', robots: { index: false } };

export default function OrderLookupPage() {
  return (
    <Container className="pt-8 pb-24 sm:pt-12">
      <div className="space-y-8">
        <PageHeading
          title="Find your order"
          description={
            <>
              Ordered without an account? Enter the order number and your email to see how it
              stands. With an account,{' '}
              <Link href="/account/orders" className={linkClass}>
                your orders
              </Link>{' '}
              are in your account.
            </>
          }
        />
        <OrderLookup />
      </div>
    </Container>
  );
}
