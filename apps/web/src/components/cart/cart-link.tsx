'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect } from 'react';
import { itemsLabel } from '@/lib/cart';
import { useHydrated } from '@/lib/use-hydrated';
import { useTRPC } from '@/trpc/react';
import { useCart } from './use-cart';

/**
 * The header's cart link with the number of items. The count is never in the server's HTML: the
 * browser fetches the cart after hydration (and every change to it answers the new cart), so the
 * page is the same for every guest and the page cache can serve it to those with a cart too. The
 * badge sits over the icon's corner, out of the flow, so its arrival moves nothing.
 */
export function CartLink({ currency }: { currency: string }) {
  useRefetchOnRestore();
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
      {/* The cart is not even asked for while the page hydrates. The cart and checkout pages put
          the cart they fetched into the cache further down the page, and TanStack Query hydrates
          a query the cache already holds (as this link's would be, pending) only after rendering:
          those pages rendered "Loading your cart…" against the server's HTML, and React rendered
          the whole page anew, dropping what the shopper had typed. */}
      {useHydrated() ? <CartCount currency={currency} /> : <CountLabel count={undefined} />}
    </Link>
  );
}

function CartCount({ currency }: { currency: string }) {
  return <CountLabel count={useCart(currency).query.data?.itemCount} />;
}

function CountLabel({ count }: { count: number | undefined }) {
  return (
    <>
      <span className="sr-only">{count === undefined ? 'Cart' : `Cart, ${itemsLabel(count)}`}</span>
      {count !== undefined && count > 0 ? (
        <span
          aria-hidden="true"
          data-testid="cart-count"
          className="absolute -top-0.5 -right-0.5 grid min-w-5 place-items-center rounded-full bg-brand-700 px-1 font-semibold text-[0.7rem] text-white tabular-nums leading-5"
        >
          {count > 99 ? '99+' : count}
        </span>
      ) : null}
    </>
  );
}

/**
 * A page restored from the back/forward cache shows the count it had when the shopper left it;
 * the cart may have changed since (on another page, in another tab), so it is asked for again.
 */
function useRefetchOnRestore() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) void queryClient.invalidateQueries({ queryKey: trpc.cart.pathKey() });
    };
    addEventListener('pageshow', onShow);
    return () => removeEventListener('pageshow', onShow);
  }, [queryClient, trpc]);
}
