'use client';

import Link from 'next/link';
import { itemsLabel } from '@/lib/cart';
import { useCart } from './use-cart';

/** The header's cart link with the number of items (prefetched with the page). */
export function CartLink({ currency }: { currency: string }) {
  const count = useCart(currency).query.data?.itemCount ?? 0;
  return (
    <Link
      href="/cart"
      className="relative inline-flex size-10 items-center justify-center rounded-full text-stone-700 transition-colors hover:bg-stone-200/70 hover:text-stone-900"
      data-testid="cart-link"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
        strokeLinecap="round"
        strokeLinejoin="round"
        className="size-6"
      >
        <path d="M6 7h12l-1 13H7L6 7Z" />
        <path d="M9 7V6a3 3 0 0 1 6 0v1" />
      </svg>
      <span className="sr-only">Cart, {itemsLabel(count)}</span>
      {count > 0 ? (
        <span
          aria-hidden="true"
          data-testid="cart-count"
          className="absolute -top-0.5 -right-0.5 grid min-w-5 place-items-center rounded-full bg-brand-700 px-1 font-semibold text-[0.7rem] text-white tabular-nums leading-5"
        >
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </Link>
  );
}
