'use client';

import type { ShopCurrency } from '@bazaar/contracts';
import { usePathname, useSearchParams } from 'next/navigation';
import { useId, useRef } from 'react';
import { currencyName } from '@/lib/currency';
import { useEarlyValue } from '@/lib/use-early-input';

/**
 * Picks the currency prices are shown in. A plain form posting to `/currency`, so it works without
 * JavaScript (the button); with it, choosing submits at once, and a currency chosen before the
 * page hydrated is submitted once it has.
 */
export function CurrencySwitcher({
  current,
  currencies,
}: {
  current: string;
  currencies: readonly ShopCurrency[];
}) {
  const id = useId();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const selectRef = useRef<HTMLSelectElement>(null);
  useEarlyValue(selectRef, current, () => selectRef.current?.form?.requestSubmit());
  if (currencies.length < 2) return null;
  return (
    <form method="post" action="/currency" className="flex items-center gap-1.5">
      <input type="hidden" name="next" value={search ? `${pathname}?${search}` : pathname} />
      <label htmlFor={id} className="sr-only">
        Currency
      </label>
      <select
        ref={selectRef}
        id={id}
        name="currency"
        defaultValue={current}
        onChange={(e) => e.currentTarget.form?.requestSubmit()}
        className="rounded-full border-0 bg-transparent py-1.5 pr-7 pl-3 font-medium text-sm text-stone-700 ring-1 ring-stone-300 hover:ring-stone-500 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {currencies.map((c) => (
          <option key={c.code} value={c.code} title={currencyName(c.code)}>
            {c.code}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-full px-2 py-1 text-sm underline">
          Change
        </button>
      </noscript>
    </form>
  );
}
