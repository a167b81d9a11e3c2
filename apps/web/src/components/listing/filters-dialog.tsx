'use client';

import type { ProductFacets } from '@bazaar/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { activeFilters, clearFilters } from '@/lib/listing-filters';
import { buttonClass, linkClass } from '../ui/styles';
import { FacetPanel } from './facet-panel';
import { ListingLink, useListingNavigation } from './listing-navigation';

/**
 * On phones and tablets the filters open in a sheet (a native modal `<dialog>`: focus kept
 * inside, Escape closes, the page behind inert). Each change applies at once; the footer says
 * how many products the filters leave.
 */
export function FiltersDialog({
  facets,
  categoryBelow,
}: {
  facets: ProductFacets;
  categoryBelow?: string | undefined;
}) {
  const { state, pending } = useListingNavigation();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const count = activeFilters(state).length;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        className={`${buttonClass('secondary', 'sm')} lg:hidden`}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="none"
          stroke="currentColor"
          strokeWidth={1.6}
          strokeLinecap="round"
          className="size-4"
        >
          <path d="M3 5h14M6 10h8M8.5 15h3" />
        </svg>
        Filters
        {count > 0 ? (
          <span className="grid min-w-5 place-items-center rounded-full bg-stone-900 px-1 font-semibold text-[0.7rem] text-white tabular-nums leading-5">
            {count}
            <span className="sr-only"> active</span>
          </span>
        ) : null}
      </button>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Escape closes a modal dialog natively */}
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onClose={() => setOpen(false)}
        // A click on the backdrop (the dialog element itself, outside its panel) closes it.
        onClick={(event) => {
          if (event.target === event.currentTarget) setOpen(false);
        }}
        className="m-0 ml-auto h-dvh max-h-none w-full max-w-none bg-stone-50 p-0 shadow-xl backdrop:bg-stone-900/40 sm:max-w-sm"
      >
        {open ? (
          <div className="flex h-full flex-col">
            <div className="flex items-center justify-between border-stone-200 border-b bg-white px-5 py-4">
              <h2 id={titleId} className="font-display font-semibold text-stone-900 text-xl">
                Filters
              </h2>
              <button
                type="button"
                onClick={() => setOpen(false)}
                className="-mr-2 inline-flex size-10 items-center justify-center rounded-full text-stone-600 hover:bg-stone-200/70 hover:text-stone-900"
              >
                <span className="sr-only">Close filters</span>
                <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="size-5">
                  <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
                </svg>
              </button>
            </div>
            <div className="flex-1 overflow-y-auto overscroll-contain px-5 py-5">
              <FacetPanel facets={facets} categoryBelow={categoryBelow} />
            </div>
            <div className="flex items-center justify-between gap-4 border-stone-200 border-t bg-white px-5 py-4">
              {count > 0 ? (
                <ListingLink to={clearFilters(state)} className={`text-sm ${linkClass}`}>
                  Clear all
                </ListingLink>
              ) : (
                <span />
              )}
              <button
                type="button"
                onClick={() => setOpen(false)}
                aria-busy={pending || undefined}
                className={`${buttonClass('primary')} ${pending ? 'opacity-70' : ''}`}
              >
                Show {facets.total} {facets.total === 1 ? 'product' : 'products'}
              </button>
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
