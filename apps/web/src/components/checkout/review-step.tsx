'use client';

import type { Cart, CheckoutQuote } from '@bazaar/contracts';
import type { FormEvent } from 'react';
import { OrderItems } from '@/components/orders/order-items';
import { OrderTotals } from '@/components/orders/order-totals';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/messages';
import { formValues } from '@/components/ui/use-form-errors';
import { chosenOption } from '@/lib/checkout';
import type { FormErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { useStepErrors } from './use-step-errors';

/** The quote's lines with the cart's names and pictures. */
function itemsOf(quote: CheckoutQuote, cart: Cart | undefined) {
  return quote.lines.map((line) => {
    const cartLine = cart?.lines.find((l) => l.id === line.lineId);
    return {
      key: line.lineId,
      title: cartLine?.productTitle ?? line.sku,
      options: cartLine?.options ?? [],
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      total: line.total,
      discount: line.discount,
      image: cartLine?.image ?? null,
      href: cartLine ? `/p/${cartLine.productSlug}` : undefined,
    };
  });
}

/** A discount code: applied through the quote, so the server says whether it is good. */
function DiscountForm({
  applied,
  pending,
  errors,
  onApply,
  onRemove,
}: {
  applied: string | null;
  pending: boolean;
  errors: FormErrors | null;
  onApply: (code: string) => void;
  onRemove: () => void;
}) {
  const form = useStepErrors(['discountCode'], errors ?? undefined);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = (formValues(event.currentTarget).discountCode ?? '').trim();
    form.clear();
    if (code) onApply(code);
  }
  if (applied) {
    return (
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-xl bg-emerald-50 px-4 py-3 text-emerald-900 text-sm ring-1 ring-emerald-200">
        <p role="status">
          Discount code <span className="font-medium font-mono">{applied}</span> applied.
        </p>
        <Button variant="quiet" size="sm" onClick={onRemove}>
          Remove<span className="sr-only"> discount code {applied}</span>
        </Button>
      </div>
    );
  }
  return (
    <form ref={form.formRef} onSubmit={onSubmit} noValidate className="space-y-2">
      <div className="flex items-start gap-2">
        <TextField
          label="Discount code"
          name="discountCode"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          error={form.field('discountCode')}
          className="flex-1"
        />
        <Button type="submit" variant="secondary" pending={pending} className="mt-7">
          Apply
        </Button>
      </div>
      <FormAlert message={form.errors?.formError} />
    </form>
  );
}

/**
 * Step 5: the items, a discount code and every total, all from `checkout.quote`, then "Place
 * order" (which sends the total shown as `expectedTotal`).
 */
export function ReviewStep({
  quote,
  cart,
  stale,
  cardLabel,
  discount,
  error,
  placing,
  onPlaceOrder,
}: {
  quote: CheckoutQuote;
  cart: Cart | undefined;
  /** True while a newer quote is on its way: the total shown is not the one to confirm. */
  stale: boolean;
  cardLabel: string;
  discount: {
    applied: string | null;
    pending: boolean;
    errors: FormErrors | null;
    onApply: (code: string) => void;
    onRemove: () => void;
  };
  error: string | null | undefined;
  placing: boolean;
  onPlaceOrder: () => void;
}) {
  const option = chosenOption(quote);
  return (
    <div className="space-y-6" aria-busy={stale || undefined}>
      <OrderItems items={itemsOf(quote, cart)} label="Items in your order" />
      <div className="border-stone-200 border-t pt-5">
        <DiscountForm {...discount} />
      </div>
      <div className="border-stone-200 border-t pt-5">
        <OrderTotals
          subtotal={quote.subtotal}
          discount={quote.discount}
          shipping={option ? { method: option.name, amount: quote.shipping } : null}
          tax={quote.tax}
          total={quote.total}
        />
      </div>
      <FormAlert message={error} />
      <div className="space-y-3">
        <Button
          size="lg"
          className="w-full"
          pending={placing}
          disabled={stale || !option}
          onClick={onPlaceOrder}
        >
          Place order
        </Button>
        <p className="text-center text-stone-500 text-xs">
          You pay {formatMoney(quote.total)} with {cardLabel}.
        </p>
      </div>
    </div>
  );
}
