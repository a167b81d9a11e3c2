'use client';

import type { CheckoutQuote } from '@bazaar/contracts';
import { type FormEvent, useId } from 'react';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/messages';
import { Spinner } from '@/components/ui/spinner';
import { countryName } from '@/lib/countries';
import type { FormErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { useStepErrors } from './use-step-errors';

/**
 * Step 3: the methods `checkout.quote` offers for the address, each with what it costs this
 * cart and from what amount it is free; the first one is preselected by the quote.
 */
export function ShippingStep({
  quote,
  loading,
  quoteError,
  country,
  selectedId,
  serverErrors,
  onSelect,
  onChangeAddress,
  onDone,
}: {
  quote: CheckoutQuote | undefined;
  loading: boolean;
  quoteError: string | null;
  country: string;
  selectedId: string | null;
  serverErrors: FormErrors | undefined;
  onSelect: (id: string) => void;
  onChangeAddress: () => void;
  onDone: () => void;
}) {
  const { formRef, errors, field } = useStepErrors(['shippingMethodId'], serverErrors);
  const legendId = useId();
  const errorId = useId();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selectedId) onDone();
  }

  if (!quote) {
    if (quoteError) return <FormAlert message={quoteError} />;
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-stone-600">
        <Spinner /> Finding shipping methods for {countryName(country)}…
      </p>
    );
  }

  if (quote.shippingOptions.length === 0) {
    return (
      <div className="space-y-4">
        <div
          role="alert"
          className="rounded-xl bg-amber-50 px-4 py-3 text-amber-900 text-sm ring-1 ring-amber-200"
        >
          <p className="font-medium">Nothing ships to {countryName(country)} yet.</p>
          <p className="mt-1">Choose another address to continue.</p>
        </div>
        <Button variant="secondary" onClick={onChangeAddress}>
          Change the address
        </Button>
      </div>
    );
  }

  const fieldError = field('shippingMethodId');
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError ?? quoteError} />
      <fieldset
        aria-labelledby={legendId}
        aria-describedby={fieldError ? errorId : undefined}
        aria-busy={loading || undefined}
      >
        <legend id={legendId} className="mb-3 font-medium text-sm text-stone-800">
          Shipping to {countryName(country)}
        </legend>
        <div className="space-y-3">
          {quote.shippingOptions.map((option) => (
            <label
              key={option.id}
              className="flex cursor-pointer items-start gap-3 rounded-2xl bg-white p-4 ring-1 ring-stone-200 has-checked:bg-brand-50/60 has-checked:ring-2 has-checked:ring-brand-600"
            >
              <input
                type="radio"
                name="shippingMethodId"
                value={option.id}
                checked={selectedId === option.id}
                onChange={() => onSelect(option.id)}
                aria-invalid={fieldError ? true : undefined}
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
              />
              <span className="flex min-w-0 flex-1 flex-wrap items-start justify-between gap-x-4 gap-y-1">
                <span>
                  <span className="block font-medium text-stone-900">{option.name}</span>
                  <span className="block text-sm text-stone-600">{option.description}</span>
                  {option.freeOver ? (
                    <span className="block text-emerald-800 text-xs">
                      Free on orders over {formatMoney(option.freeOver)}
                    </span>
                  ) : null}
                </span>
                <span className="font-medium text-stone-900 tabular-nums">
                  {option.price.amount === 0 ? 'Free' : formatMoney(option.price)}
                </span>
              </span>
            </label>
          ))}
        </div>
        {fieldError ? (
          <p id={errorId} className="mt-2 text-red-700 text-sm">
            {fieldError}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" pending={loading} disabled={!selectedId}>
        Continue
      </Button>
    </form>
  );
}
