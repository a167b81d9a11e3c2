'use client';

import { useSuspenseInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { DateTime } from '@/components/ui/date-time';
import { FormAlert } from '@/components/ui/messages';
import { buttonClass, emptyStateClass, surfaceClass } from '@/components/ui/styles';
import { itemCountLabel } from '@/lib/customer-orders';
import { formErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { useTRPC } from '@/trpc/react';
import { OrderStatusBadge } from './order-status-badge';

export const ORDERS_PAGE_SIZE = 20;

/** The signed-in customer's orders, newest first, a page at a time. */
export function OrderList() {
  const trpc = useTRPC();
  const query = useSuspenseInfiniteQuery(
    trpc.orders.list.infiniteQueryOptions(
      { limit: ORDERS_PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const orders = query.data.pages.flatMap((page) => page.items);

  if (orders.length === 0) {
    return (
      <div className={emptyStateClass}>
        <p>You haven’t ordered anything yet.</p>
        <Link href="/" className={`mt-4 ${buttonClass('primary')}`}>
          Browse the shop
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <ul aria-label="Orders" className={`${surfaceClass} divide-y divide-stone-200`}>
        {orders.map((order) => (
          <li
            key={order.id}
            className="relative flex flex-wrap items-center gap-x-6 gap-y-2 p-5 hover:bg-stone-50 sm:px-6"
          >
            <div className="min-w-0 flex-1">
              <Link
                href={`/account/orders/${order.number}`}
                className="font-semibold text-stone-900 after:absolute after:inset-0 hover:underline"
              >
                Order #{order.number}
              </Link>
              <p className="text-sm text-stone-600">
                <DateTime value={order.createdAt} /> · {itemCountLabel(order.itemCount)}
              </p>
            </div>
            <OrderStatusBadge status={order.status} />
            <p className="w-24 text-right font-medium text-stone-900 tabular-nums">
              {formatMoney(order.total)}
            </p>
          </li>
        ))}
      </ul>
      {query.isFetchNextPageError ? (
        <FormAlert message={formErrors(query.error).formError} />
      ) : null}
      {query.hasNextPage ? (
        <Button
          variant="secondary"
          pending={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          Load more
        </Button>
      ) : null}
    </div>
  );
}
