'use client';

import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { loadStripe } from '@stripe/stripe-js/pure';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/messages';
import { Spinner } from '@/components/ui/spinner';

export type StripeOutcome =
  /** Stripe accepted the payment (or holds it for capture, or is still processing it). */
  | { kind: 'accepted' }
  /** The card was declined: the API cancels the order when it hears of it. */
  | { kind: 'declined'; message: string };

const LOAD_FAILED =
  'The card form could not load. Check your connection, then reload this page: your order is kept.';

/**
 * Stripe's Payment Element for a placed order's PaymentIntent: card details go from the payer's
 * browser to Stripe (in Stripe's own frames), never through the shop. Stripe.js is loaded only
 * when this form is shown. A payment that needs the bank's confirmation (3-D Secure) leaves for
 * the bank and comes back to `returnUrl`, the order's confirmation page.
 */
export function StripePaymentForm({
  publishableKey,
  clientSecret,
  returnUrl,
  submitLabel,
  onOutcome,
}: {
  publishableKey: string;
  clientSecret: string;
  returnUrl: string;
  submitLabel: string;
  onOutcome: (outcome: StripeOutcome) => void;
}) {
  const mountPoint = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let unmount = () => {};
    loadStripe(publishableKey)
      .then((loaded) => {
        if (cancelled || !mountPoint.current) return;
        if (!loaded) throw new Error('Stripe.js did not load');
        const elements = loaded.elements({ clientSecret, appearance: { theme: 'stripe' } });
        const element = elements.create('payment', { layout: 'tabs' });
        element.on('ready', () => setReady(true));
        element.on('loaderror', () => setError(LOAD_FAILED));
        element.mount(mountPoint.current);
        stripe.current = { stripe: loaded, elements };
        unmount = () => element.destroy();
      })
      .catch(() => {
        if (!cancelled) setError(LOAD_FAILED);
      });
    return () => {
      cancelled = true;
      unmount();
      stripe.current = null;
    };
  }, [publishableKey, clientSecret]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const loaded = stripe.current;
    if (!loaded || pending) return;
    setPending(true);
    setError(null);
    try {
      const result = await loaded.stripe.confirmPayment({
        elements: loaded.elements,
        confirmParams: { return_url: returnUrl },
        redirect: 'if_required',
      });
      if (result.error) {
        const message = result.error.message ?? 'The payment did not go through.';
        // Incomplete or invalid fields are shown by the Payment Element itself, beside them.
        if (result.error.type === 'card_error') onOutcome({ kind: 'declined', message });
        else if (result.error.type !== 'validation_error') setError(message);
        return;
      }
      onOutcome({ kind: 'accepted' });
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={error} />
      {ready || error ? null : (
        <p role="status" className="flex items-center gap-2 text-sm text-stone-600">
          <Spinner /> Loading the secure card form…
        </p>
      )}
      <div ref={mountPoint} data-testid="stripe-payment-element" />
      <Button type="submit" disabled={!ready || pending} pending={pending}>
        {submitLabel}
      </Button>
      <p className="text-stone-500 text-xs">
        Card details go straight to Stripe, our payment provider; this shop never sees them.
      </p>
    </form>
  );
}
