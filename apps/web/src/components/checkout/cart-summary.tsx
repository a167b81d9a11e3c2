import type { Cart, CheckoutQuote } from '@bazaar/contracts';
import Link from 'next/link';
import { ProductImage } from '@/components/product-image';
import { linkClass } from '@/components/ui/styles';
import { itemsLabel } from '@/lib/cart';
import { formatMoney } from '@/lib/money';

/**
 * Beside the steps on wide screens: what is being bought, and the latest totals the API gave
 * (the cart's subtotal until there is a quote). Narrow screens see the items in the review step.
 */
export function CartSummary({ cart, quote }: { cart: Cart; quote: CheckoutQuote | undefined }) {
  return (
    <aside
      aria-label="Order summary"
      className="hidden h-fit space-y-5 rounded-2xl bg-white p-6 ring-1 ring-stone-200 lg:sticky lg:top-24 lg:block"
    >
      <div className="flex items-baseline justify-between gap-4">
        <h2 className="font-semibold text-stone-900">Order summary</h2>
        <Link href="/cart" className={`text-sm ${linkClass}`}>
          Edit cart
        </Link>
      </div>
      <ul className="space-y-4">
        {cart.lines.map((line) => (
          <li key={line.id} className="flex items-center gap-3 text-sm">
            <span className="relative shrink-0">
              <ProductImage
                image={line.image}
                fallbackAlt={line.productTitle}
                className="size-12 rounded-lg object-cover"
              />
              <span className="absolute -top-2 -right-2 grid size-5 place-items-center rounded-full bg-stone-700 font-medium text-[0.65rem] text-white">
                {line.quantity}
                <span className="sr-only"> ×</span>
              </span>
            </span>
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-stone-900">{line.productTitle}</span>
              {line.options.length ? (
                <span className="block truncate text-stone-500 text-xs">
                  {line.options.map((o) => o.value).join(' · ')}
                </span>
              ) : null}
            </span>
            <span className="text-stone-900 tabular-nums">
              {line.lineTotal ? formatMoney(line.lineTotal) : '—'}
            </span>
          </li>
        ))}
      </ul>
      <dl className="space-y-1.5 border-stone-200 border-t pt-4 text-sm text-stone-700">
        <div className="flex justify-between">
          <dt>Subtotal ({itemsLabel(cart.itemCount)})</dt>
          <dd className="tabular-nums">{formatMoney(quote?.subtotal ?? cart.subtotal)}</dd>
        </div>
        {quote?.discount ? (
          <div className="flex justify-between">
            <dt>Discount</dt>
            <dd className="tabular-nums">−{formatMoney(quote.discount.amount)}</dd>
          </div>
        ) : null}
        {quote ? (
          <>
            <div className="flex justify-between">
              <dt>Shipping</dt>
              <dd className="tabular-nums">
                {!quote.shippingMethodId
                  ? '—'
                  : quote.shipping.amount === 0
                    ? 'Free'
                    : formatMoney(quote.shipping)}
              </dd>
            </div>
            <div className="flex justify-between font-semibold text-base text-stone-900">
              <dt>Total</dt>
              <dd className="tabular-nums">{formatMoney(quote.total)}</dd>
            </div>
          </>
        ) : null}
      </dl>
      {quote ? null : (
        <p className="text-stone-500 text-xs">Shipping and tax follow from the address.</p>
      )}
    </aside>
  );
}
