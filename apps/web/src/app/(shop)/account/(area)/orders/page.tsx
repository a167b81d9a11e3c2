import type { Metadata } from 'next';
import { isSignedInCustomer } from '@/components/account/session';
import { ORDERS_PAGE_SIZE, OrderList } from '@/components/orders/order-list';
import { PageHeading } from '@/components/ui/page-heading';
import { getQueryClient, getTRPC, HydrateClient } from '@/trpc/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage() {
  if (await isSignedInCustomer()) {
    void getQueryClient().prefetchInfiniteQuery(
      getTRPC().orders.list.infiniteQueryOptions(
        { limit: ORDERS_PAGE_SIZE },
        { getNextPageParam: (page) => page.nextCursor ?? undefined },
      ),
    );
  }
  return (
    <HydrateClient>
      <PageHeading title="Orders" description="Everything you’ve ordered, newest first." />
      <OrderList />
    </HydrateClient>
  );
}
