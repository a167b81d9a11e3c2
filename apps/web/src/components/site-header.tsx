import type { SessionState, ShopCurrency } from '@bazaar/contracts';
import { unstable_rethrow } from 'next/navigation';
import { Suspense } from 'react';
import { HeaderAccount } from './account/header-account';
import { getSessionState } from './account/session';
import { CartLink } from './cart/cart-link';
import { CategoryNav } from './category-nav';
import { Container } from './container';
import { CurrencySwitcher } from './currency-switcher';
import { Logo } from './logo';
import { SearchBox } from './search/search-box';

/** The visitor's session for the header; if the API cannot say, the header offers "Sign in". */
async function headerSession(): Promise<SessionState | null> {
  try {
    return await getSessionState();
  } catch (error) {
    // Next's own control-flow errors (dynamic rendering bailouts, redirects) must pass through.
    unstable_rethrow(error);
    console.error('Reading the session for the header failed', error);
    return null;
  }
}

export async function SiteHeader({
  currency,
}: {
  currency: { current: string; currencies: ShopCurrency[] };
}) {
  const session = await headerSession();
  return (
    <header className="sticky top-0 z-30 border-stone-200/80 border-b bg-stone-50/90 backdrop-blur supports-[backdrop-filter]:bg-stone-50/75">
      {/* DOM order is the desktop order; on small screens the nav wraps to its own row. */}
      <Container className="flex flex-wrap items-center gap-x-4 gap-y-3 py-3 sm:gap-x-6 md:flex-nowrap md:gap-x-10 md:py-4">
        <Logo />
        {/* Below md the nav shares its row with the search button (2.5rem and the gap). */}
        <div className="order-last min-w-0 grow basis-[calc(100%-4.25rem)] md:order-none md:basis-0">
          <CategoryNav currency={currency.current} />
        </div>
        <p className="hidden shrink-0 text-stone-500 text-sm 2xl:block">
          Free EU shipping over €75
        </p>
        {/* It reads the search params. Below xl a button that opens the field over the header. */}
        <Suspense fallback={<div className="order-last size-10 md:order-none xl:w-44 2xl:w-64" />}>
          <SearchBox currency={currency.current} />
        </Suspense>
        {/* Tighter on phones, so the logo and these share the first row. */}
        <div className="ml-auto flex shrink-0 items-center gap-2 sm:gap-3 md:ml-0">
          {/* It reads the search params, which the page may render dynamically. */}
          <Suspense fallback={null}>
            <CurrencySwitcher current={currency.current} currencies={currency.currencies} />
          </Suspense>
          <CartLink currency={currency.current} />
          <HeaderAccount session={session} />
        </div>
      </Container>
    </header>
  );
}
