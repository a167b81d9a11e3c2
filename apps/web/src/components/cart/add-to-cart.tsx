'use client';

import Link from 'next/link';
import { useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { linkClass } from '@/components/ui/styles';
import { cartErrorMessage, quantityChoices } from '@/lib/cart';
import { useEarlyValue } from '@/lib/use-early-input';
import { useCart } from './use-cart';

/**
 * Quantity and "Add to cart" for the chosen variant. Without one (no choice made, or a
 * combination that does not exist), or when it is sold out, the button says why it is off.
 */
export function AddToCart({
  variant,
  currency,
}: {
  variant: { id: string; stock: number } | null;
  currency: string;
}) {
  const { add } = useCart(currency);
  const [quantity, setQuantity] = useState(1);
  const quantityId = useId();
  const quantityRef = useRef<HTMLSelectElement>(null);
  useEarlyValue(quantityRef, '1', (value) => setQuantity(Number(value)));
  const soldOut = variant !== null && variant.stock === 0;
  const choices = quantityChoices(variant?.stock ?? 1, 1, 10);

  return (
    <div className="space-y-3">
      <div className="flex gap-3">
        <label htmlFor={quantityId} className="sr-only">
          Quantity
        </label>
        <select
          ref={quantityRef}
          id={quantityId}
          value={Math.min(quantity, choices.length)}
          onChange={(e) => setQuantity(Number(e.target.value))}
          disabled={!variant || soldOut}
          className="rounded-full border-0 bg-white px-4 py-3 font-medium text-stone-900 ring-1 ring-stone-300 ring-inset focus:ring-2 focus:ring-brand-600 disabled:bg-stone-100 disabled:text-stone-400"
        >
          {choices.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
        <Button
          size="lg"
          className="flex-1 py-3.5 text-base"
          disabled={!variant || soldOut}
          pending={add.isPending}
          onClick={() => {
            if (!variant) return;
            add.mutate({
              variantId: variant.id,
              quantity: Math.min(quantity, choices.length),
              currency,
            });
          }}
        >
          {!variant ? 'Choose an option' : soldOut ? 'Sold out' : 'Add to cart'}
        </Button>
      </div>
      {add.isError ? <FormAlert message={cartErrorMessage(add.error)} /> : null}
      {add.isSuccess && !add.isPending ? (
        <FormStatus
          message={
            <>
              Added to your cart.{' '}
              <Link href="/cart" className={linkClass}>
                View cart
              </Link>
            </>
          }
        />
      ) : null}
    </div>
  );
}
