'use client';

import type { ProductFacets } from '@bazaar/contracts';
import { type FormEvent, useId, useState } from 'react';
import { refineListing } from '@/lib/listing-filters';
import { formatPriceParam } from '@/lib/listing-params';
import { parseMoneyInput } from '@/lib/money';
import { currencySymbol, wholeUnits } from '@/lib/price-range';
import { useHydrated } from '@/lib/use-hydrated';
import { FacetSection } from './facet-section';
import { useListingNavigation } from './listing-navigation';

/**
 * The price range, typed in major units of the shown currency ("25", "49.90") and applied as
 * minor units. The hints are the cheapest and dearest products the other filters leave.
 */
export function PriceFacet({ price }: { price: ProductFacets['price'] }) {
  const { state, currency } = useListingNavigation();
  // A new range from elsewhere (a chip removed, back/forward) resets what was typed.
  return (
    <PriceForm
      key={`${state.priceMin}-${state.priceMax}-${currency}`}
      price={price}
      currency={currency}
    />
  );
}

function PriceForm({ price, currency }: { price: ProductFacets['price']; currency: string }) {
  const { state, navigate } = useListingNavigation();
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // Sent by script (amounts in major units, the other filters kept): before the page hydrates,
  // the browser would send the form itself, a GET of `?min=…&max=…` that drops the search.
  const hydrated = useHydrated();
  const symbol = currencySymbol(currency);
  const initial = (amount: number | null) =>
    amount === null ? '' : formatPriceParam(amount, currency);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const read = (name: string) => {
      const text = String(form.get(name) ?? '').trim();
      return text === '' ? null : parseMoneyInput(text, currency);
    };
    const [min, max] = [read('min'), read('max')];
    const typed = (name: string) => String(form.get(name) ?? '').trim() !== '';
    if ((typed('min') && min === null) || (typed('max') && max === null)) {
      setError('Enter amounts like 25 or 49.90');
      return;
    }
    if (min !== null && max !== null && min > max) {
      setError('The maximum is below the minimum');
      return;
    }
    setError(null);
    navigate(refineListing(state, { priceMin: min, priceMax: max }));
  };

  const field = (name: 'min' | 'max', label: string, hint: string | undefined) => (
    <div className="min-w-0 flex-1">
      <label htmlFor={`${id}-${name}`} className="mb-1 block text-stone-500 text-xs">
        {label}
      </label>
      <div className="relative">
        <span
          aria-hidden="true"
          className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-stone-500"
        >
          {symbol}
        </span>
        <input
          id={`${id}-${name}`}
          name={name}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={initial(name === 'min' ? state.priceMin : state.priceMax)}
          placeholder={hint}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="block w-full rounded-lg border-0 bg-white py-2 pr-2 pl-8 text-sm text-stone-900 tabular-nums shadow-sm ring-1 ring-stone-300 ring-inset placeholder:text-stone-400 focus:outline-none focus:ring-2 focus:ring-brand-600 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-600"
        />
      </div>
    </div>
  );

  return (
    <FacetSection title="Price">
      <form onSubmit={apply} noValidate aria-label="Price range" className="px-0.5">
        <div className="flex items-end gap-2">
          {field('min', 'Min', price ? wholeUnits(price.min.amount, currency, 'down') : undefined)}
          <span aria-hidden="true" className="pb-2 text-stone-400">
            –
          </span>
          {field('max', 'Max', price ? wholeUnits(price.max.amount, currency, 'up') : undefined)}
        </div>
        {error ? (
          <p id={`${id}-error`} role="alert" className="mt-2 text-red-700 text-xs">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={!hydrated}
          className="mt-3 w-full rounded-full bg-white px-3 py-1.5 font-medium text-sm text-stone-800 shadow-sm ring-1 ring-stone-300 transition-colors hover:bg-stone-100 disabled:opacity-60"
        >
          Apply price
        </button>
      </form>
    </FacetSection>
  );
}
