'use client';

import { confirmTestPaymentInputSchema } from '@bazaar/contracts';
import { type FormEvent, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/messages';
import { formValues } from '@/components/ui/use-form-errors';
import { issuesToErrors, TEST_CARDS } from '@/lib/checkout';
import type { FormErrors } from '@/lib/form-errors';
import { useStepErrors } from './use-step-errors';

/** Test mode: what each test card does, under the card field. */
function TestCardsHint() {
  return (
    <span>
      Test mode, no real card is charged.{' '}
      {TEST_CARDS.map((card, i) => (
        <span key={card.number}>
          <span className="whitespace-nowrap font-mono text-stone-700">{card.number}</span>{' '}
          {card.outcome}
          {i < TEST_CARDS.length - 1 ? '; ' : '.'}
        </span>
      ))}
    </span>
  );
}

/**
 * The test provider's card form (the offline stand-in for Stripe's): just the card number. A
 * declined payment comes back here with the provider's words, said as an alert beside the field.
 */
export function CardForm({
  cardNumber,
  failure,
  serverErrors,
  submitLabel,
  pending = false,
  onDone,
}: {
  cardNumber: string;
  /** Why the last payment did not go through (the provider's message and what it means). */
  failure: string | null;
  serverErrors: FormErrors | undefined;
  submitLabel: string;
  pending?: boolean;
  onDone: (cardNumber: string) => void;
}) {
  const { formRef, errors, field, setErrors, clear } = useStepErrors(['cardNumber'], serverErrors);
  const cardField = useRef<HTMLDivElement>(null);
  // After a decline, the card field is where the shopper continues.
  useEffect(() => {
    if (failure) cardField.current?.querySelector('input')?.focus();
  }, [failure]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = formValues(event.currentTarget).cardNumber ?? '';
    const parsed = confirmTestPaymentInputSchema.shape.cardNumber.safeParse(value);
    if (!parsed.success) {
      setErrors(issuesToErrors(parsed.error.issues.map((i) => ({ ...i, path: ['cardNumber'] }))));
      return;
    }
    clear();
    onDone(value.trim());
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      <div ref={cardField} className="max-w-sm">
        <TextField
          label="Card number"
          name="cardNumber"
          inputMode="numeric"
          autoComplete="cc-number"
          placeholder="1234 1234 1234 1234"
          defaultValue={cardNumber}
          error={field('cardNumber')}
          hint={<TestCardsHint />}
        />
      </div>
      <PaymentFailure message={failure} />
      <Button type="submit" pending={pending}>
        {submitLabel}
      </Button>
    </form>
  );
}

/** Why the last payment did not go through, and that nothing was lost. */
function PaymentFailure({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="rounded-xl bg-red-50 px-4 py-3 text-red-800 text-sm ring-1 ring-red-200"
      data-testid="payment-failure"
    >
      <p className="font-medium">{message}</p>
      <p className="mt-1">
        Nothing was charged, and your items are still in your cart. Try another card.
      </p>
    </div>
  );
}

/**
 * With Stripe the card is entered in Stripe's own form once the order is placed (it pays that
 * order's payment); this step only says so.
 */
export function StripeChoice({ failure, onDone }: { failure: string | null; onDone: () => void }) {
  return (
    <div className="space-y-5">
      <p className="text-sm text-stone-700">
        Pay by card or wallet with Stripe. After you review and place your order, you enter your
        card details in Stripe’s secure form; this shop never sees them.
      </p>
      <PaymentFailure message={failure} />
      <Button onClick={onDone}>Continue</Button>
    </div>
  );
}
