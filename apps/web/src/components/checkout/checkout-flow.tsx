'use client';

import type { PaymentAttempt, PlacedOrder } from '@bazaar/contracts';
import {
  keepPreviousData,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useCart } from '@/components/cart/use-cart';
import { ErrorNotice, FormAlert } from '@/components/ui/messages';
import { Spinner } from '@/components/ui/spinner';
import { linkClass } from '@/components/ui/styles';
import { cartErrorMessage } from '@/lib/cart';
import {
  attemptFor,
  CHECKOUT_STEPS,
  type CheckoutAttempt,
  type CheckoutDraft,
  type CheckoutStepId,
  clearDraft,
  completeHref,
  draftOfRequest,
  endAttempt,
  firstStepWithErrors,
  maskedCard,
  nextStep,
  type PlaceOrderRequestBody,
  readAttempt,
  readDraft,
  retryUnanswered,
  type StepErrors,
  saveAttempt,
  saveDraft,
  splitPlaceOrderErrors,
} from '@/lib/checkout';
import { countryName } from '@/lib/countries';
import { errorCode, type FormErrors, formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
import { AddressLines } from '../account/address-fields';
import { AddressStep, type Destination } from './address-step';
import { CartSummary } from './cart-summary';
import { CheckoutProgress, type StepState } from './checkout-progress';
import { CheckoutStep } from './checkout-step';
import { ContactStep } from './contact-step';
import { CardForm, StripeChoice } from './payment-step';
import { ResumePayment } from './resume-payment';
import { ReviewStep } from './review-step';
import { ShippingStep } from './shipping-step';

export interface CheckoutCustomer {
  email: string;
  kind: 'customer' | 'staff';
}

type Placed = NonNullable<CheckoutAttempt['placed']>;

const storage = () => window.sessionStorage;

function placedOf(order: PlacedOrder): Placed {
  return {
    id: order.id,
    number: order.number,
    clientSecret: order.payment.clientSecret,
    provider: order.payment.provider,
  };
}

/**
 * The checkout: contact, shipping address, shipping method, payment and review, each editable
 * once done. Every amount comes from `checkout.quote`; placing the order sends the total shown
 * and an idempotency key kept for the whole attempt, then pays with the test provider's card
 * form. A declined card reopens the payment step (the API has cancelled the order and put the
 * items back in the cart); an empty cart sends the shopper back to it.
 */
export function CheckoutFlow({
  currency,
  customer,
}: {
  currency: string;
  customer: CheckoutCustomer | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const { query: cartQuery } = useCart(currency);
  const cart = cartQuery.data;
  const savedAddresses = useQuery(
    trpc.account.addresses.list.queryOptions(undefined, {
      enabled: customer?.kind === 'customer',
    }),
  );
  const owner = customer?.email ?? null;
  const paymentOptions = useQuery(
    trpc.checkout.paymentOptions.queryOptions(undefined, {
      staleTime: Number.POSITIVE_INFINITY,
      retry: retryUnanswered,
    }),
  );
  const byStripe = paymentOptions.data?.provider === 'stripe';

  const [step, setStep] = useState<CheckoutStepId>('contact');
  const [email, setEmail] = useState<string | null>(null);
  const [destination, setDestination] = useState<Destination | null>(null);
  const [shippingMethodId, setShippingMethodId] = useState<string | null>(null);
  const [shippingConfirmed, setShippingConfirmed] = useState(false);
  const [cardNumber, setCardNumber] = useState<string | null>(null);
  /** With Stripe the card is entered after placing the order, in Stripe's form. */
  const [stripeChosen, setStripeChosen] = useState(false);
  const [discountCode, setDiscountCode] = useState<string | null>(null);
  const [discountErrors, setDiscountErrors] = useState<FormErrors | null>(null);
  const [applyingCode, setApplyingCode] = useState(false);
  const [stepErrors, setStepErrors] = useState<StepErrors>({});
  const [paymentFailure, setPaymentFailure] = useState<string | null>(null);
  const [placing, setPlacing] = useState(false);
  const [resume, setResume] = useState<CheckoutAttempt | null>(null);
  const [restored, setRestored] = useState(false);
  /** Set once the order is paid and the page is on its way to the confirmation. */
  const leaving = useRef(false);
  const busy = useRef(false);

  const done: Record<CheckoutStepId, boolean> = {
    contact: email !== null,
    address: destination !== null,
    shipping: destination !== null && shippingConfirmed,
    payment: byStripe ? stripeChosen : cardNumber !== null,
    review: false,
  };

  const applyDraft = useCallback((draft: CheckoutDraft) => {
    setEmail(draft.email);
    setDestination(draft.destination);
    setShippingMethodId(draft.shippingMethodId);
    setShippingConfirmed(draft.shippingConfirmed && draft.destination !== null);
    setDiscountCode(draft.discountCode);
  }, []);

  // What was entered before a refresh (never the card number).
  useEffect(() => {
    const draft = readDraft(storage(), owner);
    if (draft) {
      applyDraft(draft);
      const restoredDone: Record<CheckoutStepId, boolean> = {
        contact: draft.email !== null,
        address: draft.destination !== null,
        shipping: draft.destination !== null && draft.shippingConfirmed,
        payment: false,
        review: false,
      };
      setStep(CHECKOUT_STEPS.find((s) => !restoredDone[s.id])?.id ?? 'review');
    }
    setRestored(true);
  }, [owner, applyDraft]);

  useEffect(() => {
    if (!restored || leaving.current) return;
    saveDraft(storage(), {
      owner,
      email,
      destination,
      shippingMethodId,
      shippingConfirmed,
      discountCode,
    });
  }, [restored, owner, email, destination, shippingMethodId, shippingConfirmed, discountCode]);

  // ── The quote ──
  const quoteInput = destination
    ? {
        currency,
        country: destination.address.country,
        region: destination.address.region,
        ...(shippingMethodId ? { shippingMethodId } : {}),
        ...(discountCode ? { discountCode } : {}),
      }
    : null;
  const quoteQuery = useQuery(
    trpc.checkout.quote.queryOptions(quoteInput ?? skipToken, {
      placeholderData: keepPreviousData,
      retry: retryUnanswered,
    }),
  );
  const quote = quoteQuery.data;
  const quoteStale = quoteQuery.isPlaceholderData || (quoteQuery.isFetching && !quote);
  const quoteError = quoteQuery.error;
  const quoteMessage = quoteError ? cartErrorMessage(quoteError) : null;

  // A method or a code the quote no longer accepts (another country, a code used up since).
  useEffect(() => {
    if (!quoteError) return;
    const { fieldErrors } = formErrors(quoteError);
    if (fieldErrors.shippingMethodId) {
      setShippingMethodId(null);
      setShippingConfirmed(false);
    }
    if (fieldErrors.discountCode) {
      setDiscountCode(null);
      setDiscountErrors({ fieldErrors: { discountCode: fieldErrors.discountCode } });
    }
  }, [quoteError]);

  const refreshCartAndQuote = useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.checkout.quote.queryKey() }),
      ]),
    [queryClient, trpc],
  );

  // ── An empty cart: back to it, unless an order placed from it still waits for its payment ──
  useEffect(() => {
    if (!cart || leaving.current || resume || cart.lines.length > 0) return;
    const attempt = readAttempt(storage());
    if (attempt) setResume(attempt);
    else router.replace('/cart');
  }, [cart, resume, router]);

  // ── Steps ──
  const stateOf = (id: CheckoutStepId): StepState =>
    id === step ? 'current' : done[id] ? 'done' : 'upcoming';
  const goTo = (id: CheckoutStepId) => {
    if (done[id] || id === step) setStep(id);
  };
  const finish = (id: CheckoutStepId, update: Partial<Record<CheckoutStepId, boolean>> = {}) => {
    setStepErrors((errors) => ({ ...errors, [id]: undefined }));
    setStep(nextStep(id, { ...done, ...update, [id]: true }));
  };

  const onContact = (value: string) => {
    setEmail(value);
    finish('contact');
  };
  const onAddress = (value: Destination) => {
    const sameRegion =
      destination?.address.country === value.address.country &&
      destination.address.region === value.address.region;
    setDestination(value);
    if (!sameRegion) {
      setShippingMethodId(null);
      setShippingConfirmed(false);
    }
    finish('address', { shipping: sameRegion && shippingConfirmed });
  };
  const onShipping = () => {
    setShippingConfirmed(true);
    finish('shipping', { shipping: true });
  };
  const onCard = (value: string) => {
    setCardNumber(value);
    setPaymentFailure(null);
    finish('payment', { payment: true });
  };
  const onStripe = () => {
    setStripeChosen(true);
    setPaymentFailure(null);
    finish('payment', { payment: true });
  };

  // ── Discount code: tried through the quote first, so a bad one never replaces a good quote ──
  const applyCode = async (code: string) => {
    if (!quoteInput) return;
    setDiscountErrors(null);
    setApplyingCode(true);
    try {
      await queryClient.fetchQuery(
        trpc.checkout.quote.queryOptions(
          { ...quoteInput, discountCode: code },
          { retry: retryUnanswered },
        ),
      );
      setDiscountCode(code);
    } catch (error) {
      setDiscountErrors(formErrors(error, { fields: ['discountCode'] }));
    } finally {
      setApplyingCode(false);
    }
  };

  // ── Paying for a placed order ──
  const confirmPayment = useMutation(trpc.checkout.confirmTestPayment.mutationOptions());
  const placeOrder = useMutation(trpc.checkout.placeOrder.mutationOptions());

  const succeed = (placed: Placed) => {
    leaving.current = true;
    endAttempt(storage());
    clearDraft(storage());
    router.push(completeHref(placed));
    // The cart is closed now: the header shows it empty. Not awaited: nothing waits for it.
    void queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.orders.pathKey() });
  };

  /**
   * The payment did not go through: the API has cancelled the order and reopened the cart.
   * `resumed` is the attempt picked up after a refresh, whose request fills the steps again.
   */
  const declined = async (message: string, resumed: CheckoutAttempt | null) => {
    // The cart, reopened by the API, first: seen empty once the attempt ends, it would send the
    // shopper to the cart page (as after an order paid elsewhere).
    await refreshCartAndQuote();
    endAttempt(storage());
    if (resumed) applyDraft(draftOfRequest(resumed.request, owner));
    setResume(null);
    setPaymentFailure(message);
    setCardNumber(null);
    setStripeChosen(false);
    setStep('payment');
  };

  const pay = async (placed: Placed, card: string, resumed: CheckoutAttempt | null) => {
    if (placed.provider === 'stripe') {
      // Stripe's card form needs the placed order's payment: it takes over from here, as after
      // a refresh. The cart is closed now (the header shows it empty).
      setResume(readAttempt(storage()));
      void queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
      return;
    }
    let result: PaymentAttempt;
    try {
      result = await confirmPayment.mutateAsync({
        orderId: placed.id,
        clientSecret: placed.clientSecret,
        cardNumber: card,
      });
    } catch (error) {
      const errors = formErrors(error, { fields: ['cardNumber'] });
      const code = errorCode(error);
      if (errors.fieldErrors.cardNumber) {
        setCardNumber(null);
        setStepErrors({ payment: errors });
        setStep('payment');
      } else if (code === 'NOT_FOUND' || code === 'CONFLICT') {
        // The order can no longer be paid (it expired or was cancelled): start again.
        endAttempt(storage());
        if (resumed) applyDraft(draftOfRequest(resumed.request, owner));
        setResume(null);
        setStepErrors({ review: { formError: errors.formError, fieldErrors: {} } });
        setStep('review');
        await refreshCartAndQuote();
      } else {
        setStepErrors({
          review: {
            formError: `${errors.formError ?? ''} Order #${placed.number} is placed and waits for its payment: try again.`,
            fieldErrors: {},
          },
        });
      }
      return;
    }
    if (result.status === 'failed') {
      await declined(result.message ?? 'The payment did not go through.', resumed);
      return;
    }
    succeed(placed);
  };

  const onPlaceOrder = async () => {
    if (busy.current || !email || !destination || !done.payment || !quote || quoteStale) return;
    if (!quote.shippingMethodId) return;
    busy.current = true;
    setPlacing(true);
    setStepErrors({});
    setPaymentFailure(null);
    const request: PlaceOrderRequestBody = {
      currency,
      email,
      shippingAddress: destination.address,
      shippingMethodId: quote.shippingMethodId,
      ...(discountCode ? { discountCode } : {}),
      expectedTotal: quote.total,
    };
    const attempt = attemptFor(storage(), request, () => crypto.randomUUID());
    try {
      let placed = attempt.placed;
      if (!placed) {
        try {
          placed = placedOf(
            await placeOrder.mutateAsync({ idempotencyKey: attempt.key, ...request }),
          );
        } catch (error) {
          await refused(error);
          return;
        }
        saveAttempt(storage(), { ...attempt, placed });
      }
      await pay(placed, cardNumber ?? '', null);
    } finally {
      busy.current = false;
      if (!leaving.current) setPlacing(false);
    }
  };

  /** placeOrder said no: the API rolled everything back, key included. */
  const refused = async (error: unknown) => {
    const code = errorCode(error);
    if (code === 'CONFLICT') {
      endAttempt(storage());
      setStepErrors({ review: { formError: cartErrorMessage(error), fieldErrors: {} } });
      await refreshCartAndQuote();
      return;
    }
    const errors = formErrors(error);
    if (code === 'BAD_REQUEST') {
      endAttempt(storage());
      const split = splitPlaceOrderErrors(errors);
      if (split.review?.fieldErrors.discountCode) {
        setDiscountErrors({ fieldErrors: { discountCode: split.review.fieldErrors.discountCode } });
      }
      setStepErrors(split);
      const first = firstStepWithErrors(split);
      if (first && first !== 'review') setStep(first);
      return;
    }
    // No answer, or the server failed: the order may exist, so the attempt (and its key) stays.
    setStepErrors({ review: errors });
  };

  // ── Rendering ──
  if (!cart) {
    return cartQuery.isError ? (
      <FormAlert message={cartErrorMessage(cartQuery.error)} />
    ) : (
      <p role="status" className="flex items-center gap-2 text-stone-600">
        <Spinner /> Loading your cart…
      </p>
    );
  }

  if (resume) {
    return (
      <ResumePayment
        attempt={resume}
        error={stepErrors.review?.formError ?? null}
        onPay={(placed, card) => pay(placed, card, resume)}
        onPaid={succeed}
        onDeclined={(message) => declined(message, resume)}
        onGone={() => {
          endAttempt(storage());
          setResume(null);
          router.replace('/cart');
        }}
      />
    );
  }

  if (cart.lines.length === 0) {
    return (
      <p role="status" className="text-stone-600">
        Your cart is empty. Taking you back to it…
      </p>
    );
  }

  const country = destination?.address.country ?? '';
  const selectedMethod = shippingMethodId ?? quote?.shippingMethodId ?? null;
  const chosen = quote?.shippingOptions.find((o) => o.id === selectedMethod) ?? null;

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:gap-12">
      <div className="min-w-0 space-y-4">
        <CheckoutProgress stateOf={stateOf} onGoTo={goTo} />
        {cart.checkoutReady ? null : (
          <ErrorNotice title="Your cart needs a change">
            Some items can’t be bought as they are.{' '}
            <Link href="/cart" className={linkClass}>
              Review your cart
            </Link>
          </ErrorNotice>
        )}

        <CheckoutStep
          number={1}
          title="Contact"
          state={stateOf('contact')}
          onEdit={() => goTo('contact')}
          editDisabled={placing}
          summary={<p className="break-all">{email}</p>}
        >
          <ContactStep
            email={email ?? customer?.email ?? ''}
            signedInAs={customer?.email ?? null}
            serverErrors={stepErrors.contact}
            onDone={onContact}
          />
        </CheckoutStep>

        <CheckoutStep
          number={2}
          title="Shipping address"
          state={stateOf('address')}
          onEdit={() => goTo('address')}
          editDisabled={placing}
          summary={destination ? <AddressLines address={destination.address} /> : null}
        >
          <AddressStep
            destination={destination}
            savedAddresses={savedAddresses.data ?? []}
            serverErrors={stepErrors.address}
            onDone={onAddress}
          />
        </CheckoutStep>

        <CheckoutStep
          number={3}
          title="Shipping method"
          state={stateOf('shipping')}
          onEdit={() => goTo('shipping')}
          editDisabled={placing}
          summary={
            chosen ? (
              <p>
                {chosen.name} · {chosen.description}
              </p>
            ) : null
          }
        >
          <ShippingStep
            quote={quote}
            loading={quoteStale}
            quoteError={quoteMessage}
            country={country}
            selectedId={selectedMethod}
            serverErrors={stepErrors.shipping}
            onSelect={(id) => setShippingMethodId(id)}
            onChangeAddress={() => setStep('address')}
            onDone={onShipping}
          />
        </CheckoutStep>

        <CheckoutStep
          number={4}
          title="Payment"
          state={stateOf('payment')}
          onEdit={() => goTo('payment')}
          editDisabled={placing}
          summary={
            byStripe ? (
              <p>Card or wallet, entered with Stripe after you place the order</p>
            ) : cardNumber ? (
              <p>Card {maskedCard(cardNumber)} (test mode)</p>
            ) : null
          }
        >
          {paymentOptions.isPending ? (
            <p role="status" className="flex items-center gap-2 text-sm text-stone-600">
              <Spinner /> Loading payment options…
            </p>
          ) : paymentOptions.isError ? (
            <FormAlert message={cartErrorMessage(paymentOptions.error)} />
          ) : byStripe ? (
            <StripeChoice failure={paymentFailure} onDone={onStripe} />
          ) : (
            <CardForm
              cardNumber={cardNumber ?? ''}
              failure={paymentFailure}
              serverErrors={stepErrors.payment}
              submitLabel="Continue"
              onDone={onCard}
            />
          )}
        </CheckoutStep>

        <CheckoutStep number={5} title="Review" state={stateOf('review')}>
          {quote ? (
            <ReviewStep
              quote={quote}
              cart={cart}
              stale={quoteStale}
              cardLabel={
                byStripe
                  ? 'your card, entered securely with Stripe on the next screen'
                  : cardNumber
                    ? `card ${maskedCard(cardNumber)}`
                    : 'your card'
              }
              discount={{
                // As the shop spells it ("WELCOME10"), whatever was typed.
                applied: discountCode ? (quote.discount?.code ?? discountCode) : null,
                pending: applyingCode,
                errors: discountErrors,
                onApply: applyCode,
                onRemove: () => {
                  setDiscountCode(null);
                  setDiscountErrors(null);
                },
              }}
              error={stepErrors.review?.formError}
              placing={placing}
              onPlaceOrder={onPlaceOrder}
            />
          ) : quoteMessage ? (
            <FormAlert message={quoteMessage} />
          ) : (
            <p role="status" className="flex items-center gap-2 text-sm text-stone-600">
              <Spinner /> Working out your total…
            </p>
          )}
        </CheckoutStep>
        {country && quote && quote.shippingOptions.length === 0 && step === 'review' ? (
          <FormAlert message={`Nothing ships to ${countryName(country)} yet.`} />
        ) : null}
      </div>
      <CartSummary cart={cart} quote={quote} />
    </div>
  );
}
