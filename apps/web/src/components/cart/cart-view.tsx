'use client';

import type { CartLine } from '@bazaar/contracts';
import Link from 'next/link';
import { ProductImage } from '@/components/product-image';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/messages';
import { buttonClass, linkClass } from '@/components/ui/styles';
import { cartErrorMessage, itemsLabel, lineProblemText, quantityChoices } from '@/lib/cart';
import { formatMoney } from '@/lib/money';
import { useCart } from './use-cart';

function LineRow({ line, currency }: { line: CartLine; currency: string }) {
  const { setQuantity, remove } = useCart(currency);
  const problem = lineProblemText(line);
  const failed = setQuantity.error ?? remove.error;
  const busy = setQuantity.isPending || remove.isPending;
  const options = line.options.map((o) => `${o.name}: ${o.value}`).join(' · ');
  return (
    <li className="flex gap-4 py-6 sm:gap-6" data-testid="cart-line" aria-busy={busy || undefined}>
      <Link href={`/p/${line.productSlug}`} className="shrink-0">
        <ProductImage
          image={line.image}
          fallbackAlt={line.productTitle}
          className="size-24 rounded-xl object-cover sm:size-28"
        />
      </Link>
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
          <div className="min-w-0">
            <Link
              href={`/p/${line.productSlug}`}
              className="font-medium text-stone-900 hover:underline"
            >
              {line.productTitle}
            </Link>
            {options ? <p className="text-sm text-stone-600">{options}</p> : null}
            <p className="text-stone-500 text-xs">
              SKU <span className="font-mono">{line.sku}</span>
            </p>
          </div>
          <p className="font-medium text-stone-900 tabular-nums" data-testid="line-total">
            {line.lineTotal ? formatMoney(line.lineTotal) : '—'}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <label className="flex items-center gap-2 text-sm text-stone-600">
            Quantity
            <select
              value={line.quantity}
              disabled={busy || line.problem === 'unavailable'}
              onChange={(e) =>
                setQuantity.mutate({ lineId: line.id, quantity: Number(e.target.value), currency })
              }
              className="rounded-lg border-0 bg-white py-1.5 pr-8 pl-3 text-stone-900 ring-1 ring-stone-300 ring-inset focus:ring-2 focus:ring-brand-600"
            >
              {quantityChoices(line.available, line.quantity).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          {line.unitPrice ? (
            <span className="text-sm text-stone-500 tabular-nums">
              {formatMoney(line.unitPrice)} each
            </span>
          ) : null}
          <Button
            variant="quiet"
            size="sm"
            className="ml-auto"
            pending={remove.isPending}
            onClick={() => remove.mutate({ lineId: line.id, currency })}
          >
            Remove<span className="sr-only"> {line.productTitle}</span>
          </Button>
        </div>
        {problem ? (
          <p className="text-amber-800 text-sm" data-testid="line-problem">
            {problem}
          </p>
        ) : null}
        {failed ? <FormAlert message={cartErrorMessage(failed)} /> : null}
      </div>
    </li>
  );
}

/** The cart page: lines with their problems, what merging at sign-in changed, the subtotal. */
export function CartView({ currency }: { currency: string }) {
  const { query, dismissNotices } = useCart(currency);
  const cart = query.data;
  if (!cart) {
    return query.isError ? <FormAlert message={cartErrorMessage(query.error)} /> : null;
  }
  if (cart.lines.length === 0) {
    return (
      <div className="rounded-2xl bg-white p-10 text-center ring-1 ring-stone-200">
        <p className="font-medium text-stone-900">Your cart is empty.</p>
        <Link href="/" className={`mt-6 ${buttonClass('primary', 'lg')}`}>
          Browse the shop
        </Link>
      </div>
    );
  }
  return (
    <div className="grid gap-10 lg:grid-cols-[1fr_22rem]">
      <div>
        {cart.notices.length ? (
          <div
            role="status"
            className="mb-6 flex gap-4 rounded-xl bg-sky-50 p-4 text-sky-950 text-sm ring-1 ring-sky-200"
          >
            <ul className="flex-1 space-y-1">
              {cart.notices.map((notice) => (
                <li key={notice}>{notice}</li>
              ))}
            </ul>
            <Button
              variant="quiet"
              size="sm"
              pending={dismissNotices.isPending}
              onClick={() => dismissNotices.mutate()}
            >
              Dismiss
            </Button>
          </div>
        ) : null}
        <ul className="divide-y divide-stone-200 border-stone-200 border-y">
          {cart.lines.map((line) => (
            <LineRow key={line.id} line={line} currency={currency} />
          ))}
        </ul>
      </div>
      <aside className="h-fit space-y-4 rounded-2xl bg-white p-6 ring-1 ring-stone-200">
        <h2 className="font-semibold text-stone-900">Summary</h2>
        <dl className="flex justify-between text-stone-700">
          <dt>Subtotal ({itemsLabel(cart.itemCount)})</dt>
          <dd className="font-semibold text-stone-900 tabular-nums" data-testid="cart-subtotal">
            {formatMoney(cart.subtotal)}
          </dd>
        </dl>
        <p className="text-sm text-stone-500">Shipping and tax are worked out at checkout.</p>
        {cart.checkoutReady ? null : (
          <p className="text-amber-800 text-sm">Fix the items marked above to check out.</p>
        )}
        {cart.checkoutReady ? (
          <Link href="/checkout" className={`w-full ${buttonClass('primary', 'lg')}`}>
            Checkout
          </Link>
        ) : (
          <button type="button" disabled className={`w-full ${buttonClass('primary', 'lg')}`}>
            Checkout
          </button>
        )}
        <Link href="/" className={`block text-center text-sm ${linkClass}`}>
          Continue shopping
        </Link>
      </aside>
    </div>
  );
}
