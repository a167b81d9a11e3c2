'use client';

import { type Address, type OrderAddress, placeOrderInputSchema } from '@bazaar/contracts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ADDRESS_FIELDS, AddressFields, SavedAddress } from '@/components/account/address-fields';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/messages';
import { formValues } from '@/components/ui/use-form-errors';
import { addressInput, sortAddresses } from '@/lib/addresses';
import { issuesToErrors, shippingAddressOf } from '@/lib/checkout';
import type { FormErrors } from '@/lib/form-errors';
import { useStepErrors } from './use-step-errors';

const NEW = 'new';

export interface Destination {
  address: OrderAddress;
  /** The saved address it came from, if it did. */
  savedId: string | null;
}

/**
 * Step 2: a saved address (signed-in customers; the default one preselected) or a new one. The
 * address is checked with the contract's own schema before moving on, so mistakes show here
 * rather than when the order is placed.
 */
export function AddressStep({
  destination,
  savedAddresses,
  serverErrors,
  onDone,
}: {
  destination: Destination | null;
  savedAddresses: readonly Address[];
  serverErrors: FormErrors | undefined;
  onDone: (destination: Destination) => void;
}) {
  const sorted = sortAddresses(savedAddresses);
  const initialChoice = serverErrors
    ? NEW
    : destination
      ? (destination.savedId ?? NEW)
      : (sorted[0]?.id ?? NEW);
  const [choice, setChoice] = useState<string>(initialChoice);
  const { formRef, errors, field, setErrors, clear } = useStepErrors(ADDRESS_FIELDS, serverErrors);
  const legendId = useId();

  // Choosing "a new address" moves focus into its form.
  const firstField = useRef<HTMLDivElement>(null);
  const [focusNew, setFocusNew] = useState(false);
  useEffect(() => {
    if (focusNew && choice === NEW) firstField.current?.querySelector('input')?.focus();
  }, [focusNew, choice]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = sorted.find((a) => a.id === choice);
    if (saved) {
      clear();
      onDone({ address: shippingAddressOf(saved), savedId: saved.id });
      return;
    }
    // A country not chosen yet is absent from the form (its placeholder option is disabled).
    const values = addressInput(formValues(event.currentTarget));
    const parsed = placeOrderInputSchema.shape.shippingAddress.safeParse(values);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) =>
        issue.path[0] === 'country' && !values.country
          ? { ...issue, message: 'Choose a country' }
          : issue,
      );
      setErrors(issuesToErrors(issues));
      return;
    }
    clear();
    onDone({ address: parsed.data, savedId: null });
  }

  // A new address's form starts from what was typed before (or the saved address that the
  // server found fault with).
  const newDefaults =
    destination && (destination.savedId === null || serverErrors) ? destination.address : undefined;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      {sorted.length > 0 ? (
        <fieldset aria-labelledby={legendId} className="space-y-3">
          <legend id={legendId} className="mb-3 font-medium text-sm text-stone-800">
            Ship to
          </legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {sorted.map((address) => (
              <label
                key={address.id}
                className="flex cursor-pointer gap-3 rounded-2xl bg-white p-4 ring-1 ring-stone-200 has-checked:bg-brand-50/60 has-checked:ring-2 has-checked:ring-brand-600"
              >
                <input
                  type="radio"
                  name="addressChoice"
                  value={address.id}
                  checked={choice === address.id}
                  onChange={() => setChoice(address.id)}
                  className="mt-0.5 size-4 shrink-0 accent-brand-600"
                />
                <SavedAddress
                  address={address}
                  className="flex min-w-0 flex-1 items-start justify-between gap-2"
                />
              </label>
            ))}
            <label className="flex cursor-pointer items-center gap-3 rounded-2xl bg-white p-4 text-sm text-stone-800 ring-1 ring-stone-200 has-checked:bg-brand-50/60 has-checked:ring-2 has-checked:ring-brand-600">
              <input
                type="radio"
                name="addressChoice"
                value={NEW}
                checked={choice === NEW}
                onChange={() => {
                  setChoice(NEW);
                  setFocusNew(true);
                }}
                className="size-4 shrink-0 accent-brand-600"
              />
              A new address
            </label>
          </div>
        </fieldset>
      ) : null}
      {choice === NEW ? (
        <div
          className={sorted.length > 0 ? 'rounded-2xl bg-stone-50 p-5 ring-1 ring-stone-200' : ''}
        >
          <AddressFields address={newDefaults} error={field} firstFieldRef={firstField} />
        </div>
      ) : null}
      <Button type="submit">Continue</Button>
    </form>
  );
}
