'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { OrderView } from '@/components/orders/order-view';
import { ErrorNotice } from '@/components/ui/messages';
import { PageHeading } from '@/components/ui/page-heading';
import { Spinner } from '@/components/ui/spinner';
import { buttonClass, linkClass } from '@/components/ui/styles';
import { retryUnanswered } from '@/lib/checkout';
import {
  PAYMENT_POLL_LIMIT,
  PAYMENT_POLL_MS,
  paymentFailed,
  paymentPending,
} from '@/lib/customer-orders';
import { errorCode, formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';

/**
 * The confirmation page: asks `checkout.paymentResult` every second (for about 30 seconds)
 * while the provider has not settled the payment, then thanks the shopper and shows the order,
 * or says why the payment failed.
 */
export function PaymentCompletion({
  orderId,
  clientSecret,
  signedInCustomer,
}: {
  orderId: string;
  clientSecret: string;
  signedInCustomer: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.checkout.paymentResult.queryOptions(
    { orderId, clientSecret },
    {
      retry: retryUnanswered,
      staleTime: 0,
      refetchOnWindowFocus: false,
      refetchInterval: (query) => {
        const order = query.state.data;
        if (!order || !paymentPending(order.paymentStatus)) return false;
        return query.state.dataUpdateCount < PAYMENT_POLL_LIMIT ? PAYMENT_POLL_MS : false;
      },
    },
  );
  const result = useQuery(options);
  const order = result.data;

  if (!order) {
    if (result.isError) {
      const notFound = errorCode(result.error) === 'NOT_FOUND';
      return (
        <div className="max-w-2xl space-y-6">
          <PageHeading title={notFound ? 'We couldn’t find this order' : 'Something went wrong'} />
          <ErrorNotice
            title={notFound ? 'This link does not lead to an order.' : 'Please try again.'}
          >
            {notFound
              ? 'Check that you opened the whole link. '
              : `${formErrors(result.error).formError ?? ''} `}
            <Link href="/orders/lookup" className={linkClass}>
              Find your order
            </Link>
          </ErrorNotice>
        </div>
      );
    }
    return <Confirming />;
  }

  if (paymentPending(order.paymentStatus)) {
    const fetches = queryClient.getQueryState(options.queryKey)?.dataUpdateCount ?? 0;
    const gaveUp = fetches >= PAYMENT_POLL_LIMIT && !result.isFetching;
    if (!gaveUp) return <Confirming number={order.number} />;
    return (
      <div className="space-y-8">
        <PageHeading
          title={`Order #${order.number} is placed`}
          description="Your payment is still being confirmed."
        />
        <div
          role="status"
          className="max-w-2xl rounded-xl bg-amber-50 p-4 text-amber-900 text-sm ring-1 ring-amber-200"
        >
          The payment provider hasn’t confirmed your payment yet. We’ll email{' '}
          <span className="font-medium">{order.email}</span> as soon as it does; you don’t need to
          pay again.
        </div>
        <OrderView order={order} />
      </div>
    );
  }

  if (paymentFailed(order.paymentStatus)) {
    return (
      <div className="max-w-2xl space-y-6">
        <PageHeading title="Your payment didn’t go through" />
        <ErrorNotice title={order.paymentMessage ?? 'The payment was not completed.'}>
          Nothing was charged, and order #{order.number} was cancelled. Your items are back in your
          cart.
        </ErrorNotice>
        <Link href="/cart" className={buttonClass('primary', 'lg')}>
          Back to your cart
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-8">
      <div className="space-y-4">
        <PageHeading
          title={`Thank you — order #${order.number}`}
          description={
            <>
              We’ve got your order. Updates about it go to{' '}
              <span className="font-medium text-stone-900">{order.email}</span>.
            </>
          }
        />
        {signedInCustomer ? (
          <p className="text-sm">
            <Link href={`/account/orders/${order.number}`} className={linkClass}>
              See this order in your account
            </Link>
          </p>
        ) : (
          <p className="text-sm text-stone-600">
            Keep the order number: with it and your email you can look the order up any time at{' '}
            <Link href="/orders/lookup" className={linkClass}>
              Find your order
            </Link>
            .
          </p>
        )}
      </div>
      <OrderView order={order} />
      <Link href="/" className={buttonClass('secondary')}>
        Continue shopping
      </Link>
    </div>
  );
}

function Confirming({ number }: { number?: number }) {
  return (
    <div className="max-w-2xl space-y-6">
      <PageHeading
        title="Confirming your payment…"
        description={number ? `Order #${number}` : undefined}
      />
      <p role="status" className="flex items-center gap-3 text-stone-700">
        <Spinner className="size-5" /> This takes a few seconds. Please keep this page open.
      </p>
    </div>
  );
}
