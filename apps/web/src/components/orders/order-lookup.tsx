'use client';

import type { Order } from '@bazaar/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmailField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/messages';
import { surfaceClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { normaliseOrderNumberInput } from '@/lib/customer-orders';
import { errorCode } from '@/lib/form-errors';
import { useTRPCClient } from '@/trpc/react';
import { OrderView } from './order-view';

export const LOOKUP_NOT_FOUND = 'We couldn’t find an order with that number and email.';

/**
 * A guest's order, found with its number and the email it was placed with. Both are typed, never
 * put in the URL; the API answers NOT_FOUND for any wrong pair and limits how often one may try.
 */
export function OrderLookup() {
  const client = useTRPCClient();
  const [order, setOrder] = useState<Order | null>(null);
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['number', 'email'],
  });
  const lookup = useMutation({
    mutationFn: (input: { number: string; email: string }) => client.orders.lookup.query(input),
    onSuccess: setOrder,
    onError: (error) => {
      if (errorCode(error) === 'NOT_FOUND')
        setErrors({ formError: LOOKUP_NOT_FOUND, fieldErrors: {} });
      else setFromError(error);
    },
  });

  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (order) heading.current?.focus();
  }, [order]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { number = '', email = '' } = formValues(event.currentTarget);
    clear();
    lookup.mutate({ number: normaliseOrderNumberInput(number), email });
  }

  if (order) {
    return (
      <div className="space-y-6">
        <div className="flex flex-wrap items-center justify-between gap-4">
          <h2
            ref={heading}
            tabIndex={-1}
            className="font-display font-semibold text-2xl text-stone-900 focus:outline-none"
          >
            Order #{order.number}
          </h2>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setOrder(null);
              lookup.reset();
            }}
          >
            Look up another order
          </Button>
        </div>
        <OrderView order={order} />
      </div>
    );
  }

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label="Find your order"
      className={`${surfaceClass} max-w-md space-y-5 p-6 sm:p-8`}
    >
      <FormAlert message={errors?.formError} />
      <TextField
        label="Order number"
        name="number"
        inputMode="numeric"
        autoComplete="off"
        placeholder="1001"
        hint="In your confirmation email, e.g. #1001."
        error={field('number')}
      />
      <EmailField hint="The email you ordered with." error={field('email')} />
      <Button type="submit" pending={lookup.isPending} className="w-full">
        Find order
      </Button>
    </form>
  );
}
