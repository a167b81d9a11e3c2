'use client';

import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { OrderItems, orderItemRows } from '@/components/orders/order-items';
import { FormAlert } from '@/components/ui/messages';
import { Spinner } from '@/components/ui/spinner';
import { surfaceClass } from '@/components/ui/styles';
import { type CheckoutAttempt, completeHref, retryUnanswered, saveAttempt } from '@/lib/checkout';
import { paymentFailed } from '@/lib/customer-orders';
import { formatMoney } from '@/lib/money';
import { useTRPC } from '@/trpc/react';
import { CardForm } from './payment-step';
import { StripePaymentForm } from './stripe-payment-form';

type Placed = NonNullable<CheckoutAttempt['placed']>;

/**
 * The cart is empty but this tab placed an order that may still wait for its payment (the page
 * was refreshed, or the answer was lost on the way): the same request with the same key gives
 * the same order back, and the shopper pays for it here instead of ordering twice.
 */
export function ResumePayment({
  attempt,
  error,
  onPay,
  onPaid,
  onDeclined,
  onGone,
}: {
  attempt: CheckoutAttempt;
  error: string | null;
  onPay: (placed: Placed, cardNumber: string) => Promise<void>;
  onPaid: (placed: Placed) => void;
  onDeclined: (message: string) => void;
  onGone: () => void;
}) {
  const trpc = useTRPC();
  const [placed, setPlaced] = useState<Placed | null>(attempt.placed);
  const [paying, setPaying] = useState(false);
  const [declined, setDeclined] = useState<string | null>(null);
  const replay = useMutation(trpc.checkout.placeOrder.mutationOptions());
  const handled = useRef(false);
  const replayed = useRef(false);

  // The idempotent replay: answers the order this attempt placed, or refuses (nothing placed).
  const { mutate } = replay;
  useEffect(() => {
    if (placed || replayed.current) return;
    replayed.current = true;
    mutate(
      { idempotencyKey: attempt.key, ...attempt.request },
      {
        onSuccess: (order) => {
          const next = {
            id: order.id,
            number: order.number,
            clientSecret: order.payment.clientSecret,
            provider: order.payment.provider,
          };
          saveAttempt(sessionStorage, { ...attempt, placed: next });
          setPlaced(next);
        },
        onError: onGone,
      },
    );
  }, [placed, attempt, mutate, onGone]);

  const result = useQuery(
    trpc.checkout.paymentResult.queryOptions(
      placed ? { orderId: placed.id, clientSecret: placed.clientSecret } : skipToken,
      { retry: retryUnanswered },
    ),
  );
  const order = result.data;
  const stripeKey = useQuery({
    ...trpc.checkout.paymentOptions.queryOptions(),
    enabled: placed?.provider === 'stripe',
    staleTime: Number.POSITIVE_INFINITY,
  }).data?.publishableKey;

  useEffect(() => {
    if (!placed || handled.current) return;
    if (result.error) {
      handled.current = true;
      onGone();
    } else if (order && order.paymentStatus !== 'awaiting_payment') {
      handled.current = true;
      if (paymentFailed(order.paymentStatus)) {
        onDeclined(order.paymentMessage ?? 'The payment did not go through.');
      } else {
        onPaid(placed);
      }
    }
  }, [placed, order, result.error, onPaid, onDeclined, onGone]);

  if (!placed || !order || order.paymentStatus !== 'awaiting_payment') {
    return (
      <p role="status" className="flex items-center gap-2 text-stone-600">
        <Spinner /> Picking up your order…
      </p>
    );
  }

  return (
    <section
      aria-labelledby="resume-heading"
      className={`${surfaceClass} max-w-2xl space-y-6 p-6 sm:p-8`}
    >
      <div>
        <h2 id="resume-heading" className="font-display font-semibold text-stone-900 text-xl">
          Finish paying for order #{order.number}
        </h2>
        <p className="mt-1 text-sm text-stone-600">
          Your order is placed and its items are held for you. Pay {formatMoney(order.total)} to
          complete it.
        </p>
      </div>
      <OrderItems items={orderItemRows(order.lines)} />
      <FormAlert message={error ?? declined} />
      {placed.provider === 'stripe' ? (
        stripeKey ? (
          <StripePaymentForm
            publishableKey={stripeKey}
            clientSecret={placed.clientSecret}
            returnUrl={new URL(completeHref(placed), window.location.origin).href}
            submitLabel={`Pay ${formatMoney(order.total)}`}
            onOutcome={async (outcome) => {
              if (outcome.kind === 'accepted') return onPaid(placed);
              // The API cancels the order once it hears of the decline (asked here, or by webhook).
              setDeclined(outcome.message);
              await result.refetch();
            }}
          />
        ) : (
          <p role="status" className="flex items-center gap-2 text-sm text-stone-600">
            <Spinner /> Loading the secure card form…
          </p>
        )
      ) : (
        <CardForm
          cardNumber=""
          failure={null}
          serverErrors={undefined}
          submitLabel={`Pay ${formatMoney(order.total)}`}
          pending={paying}
          onDone={async (card) => {
            setPaying(true);
            try {
              await onPay(placed, card);
            } finally {
              setPaying(false);
            }
          }}
        />
      )}
    </section>
  );
}
