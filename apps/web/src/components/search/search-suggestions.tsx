'use client';

import type { ReactNode } from 'react';
import { formatMoney } from '@/lib/money';
import type { SearchOption } from '@/lib/search-suggestions';
import { ProductImage } from '../product-image';

/**
 * The search box's popup list: products (picture, title, price), categories, and "all results".
 * Focus stays in the text field (`aria-activedescendant` names the highlighted option), so a
 * press on an option must not take it away before the click lands.
 */
export function SearchSuggestions({
  id,
  listboxId,
  expanded,
  options,
  activeIndex,
  searchedFor,
  onActivate,
  onChoose,
}: {
  id: string;
  listboxId: string;
  expanded: boolean;
  options: SearchOption[];
  activeIndex: number;
  searchedFor: string | null;
  onActivate: (index: number) => void;
  onChoose: (option: SearchOption) => void;
}) {
  const option = (index: number, content: ReactNode) => {
    const item = options[index];
    if (!item) return null;
    return (
      // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the combobox's field
      <div
        key={index}
        id={`${id}-option-${index}`}
        role="option"
        tabIndex={-1}
        aria-selected={index === activeIndex}
        onMouseDown={(event) => event.preventDefault()}
        onMouseMove={() => {
          if (index !== activeIndex) onActivate(index);
        }}
        onClick={() => onChoose(item)}
        className="flex cursor-pointer items-center gap-3 rounded-xl px-2.5 py-2 text-sm text-stone-800 aria-selected:bg-stone-100 aria-selected:text-stone-900"
      >
        {content}
      </div>
    );
  };
  const products = options.flatMap((o, i) => (o.kind === 'product' ? [{ o, i }] : []));
  const categories = options.flatMap((o, i) => (o.kind === 'category' ? [{ o, i }] : []));
  const all = options.findIndex((o) => o.kind === 'search');
  const allOption = options[all];

  return (
    <div
      hidden={!expanded}
      className="absolute top-full right-0 left-0 z-50 mt-2 max-h-[min(32rem,calc(100dvh-6rem))] overflow-y-auto rounded-2xl bg-white p-2 shadow-xl ring-1 ring-stone-900/10 md:right-auto md:w-[28rem] xl:right-0 xl:left-auto xl:w-[26rem]"
    >
      {searchedFor ? (
        <p className="px-2.5 pt-1 pb-2 text-stone-500 text-xs">
          Showing suggestions for <strong className="text-stone-800">{searchedFor}</strong>
        </p>
      ) : null}
      <div id={listboxId} role="listbox" aria-label="Search suggestions">
        {products.length > 0 ? (
          // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role group
          <div role="group" aria-labelledby={`${id}-products`}>
            <div
              id={`${id}-products`}
              role="presentation"
              className="px-2.5 pt-1 pb-1.5 font-semibold text-[0.7rem] text-stone-500 uppercase tracking-wider"
            >
              Products
            </div>
            {products.map(({ o, i }) =>
              o.kind === 'product'
                ? option(
                    i,
                    <>
                      <ProductImage
                        image={o.product.image}
                        fallbackAlt=""
                        className="size-10 shrink-0 rounded-lg bg-stone-100 object-cover ring-1 ring-stone-900/5"
                      />
                      <span className="min-w-0 flex-1 truncate font-medium">{o.product.title}</span>
                      <span className="shrink-0 text-stone-600 tabular-nums">
                        {formatMoney(o.product.priceMin)}
                      </span>
                    </>,
                  )
                : null,
            )}
          </div>
        ) : null}
        {categories.length > 0 ? (
          // biome-ignore lint/a11y/useSemanticElements: a listbox groups its options with role group
          <div role="group" aria-labelledby={`${id}-categories`} className="mt-1">
            <div
              id={`${id}-categories`}
              role="presentation"
              className="px-2.5 pt-2 pb-1.5 font-semibold text-[0.7rem] text-stone-500 uppercase tracking-wider"
            >
              Categories
            </div>
            {categories.map(({ o, i }) =>
              o.kind === 'category'
                ? option(
                    i,
                    <>
                      <span
                        aria-hidden="true"
                        className="grid size-10 shrink-0 place-items-center rounded-lg bg-brand-50 text-brand-700"
                      >
                        <svg
                          aria-hidden="true"
                          viewBox="0 0 20 20"
                          fill="none"
                          stroke="currentColor"
                          strokeWidth={1.6}
                          className="size-5"
                        >
                          <path d="M3 6.5A1.5 1.5 0 0 1 4.5 5h3.2l1.6 1.8h6.2A1.5 1.5 0 0 1 17 8.3v6.2a1.5 1.5 0 0 1-1.5 1.5h-11A1.5 1.5 0 0 1 3 14.5v-8Z" />
                        </svg>
                      </span>
                      <span className="flex-1 font-medium">{o.name}</span>
                      <span className="text-stone-400 text-xs">Category</span>
                    </>,
                  )
                : null,
            )}
          </div>
        ) : null}
        {allOption?.kind === 'search' ? (
          <div className="mt-1 border-stone-100 border-t pt-1">
            {option(
              all,
              <span className="flex-1 px-0.5 text-stone-700">
                See all results for{' '}
                <span className="font-semibold text-stone-900">“{allOption.text}”</span>
              </span>,
            )}
          </div>
        ) : null}
      </div>
    </div>
  );
}
