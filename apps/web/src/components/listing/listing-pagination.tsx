'use client';

import { firstListingPage, nextListingPage } from '@/lib/listing-filters';
import { pageRange } from '@/lib/listing-query';
import { buttonClass } from '../ui/styles';
import { ListingLink, useListingNavigation } from './listing-navigation';

/**
 * Keyset paging: on to the next page (its cursor in the URL) or back to the first. The page
 * number in the URL only numbers the products shown ("Showing 25–48 of 312").
 */
export function ListingPagination({
  nextCursor,
  total,
  limit,
  itemsOnPage,
}: {
  nextCursor: string | null;
  total: number;
  limit: number;
  itemsOnPage: number;
}) {
  const { state } = useListingNavigation();
  if (!state.cursor && !nextCursor) return null;
  const { from, to } = pageRange(state.page, limit, itemsOnPage);
  return (
    <nav
      aria-label="Pagination"
      className="mt-14 flex flex-wrap items-center justify-between gap-4 border-stone-200 border-t pt-6"
    >
      {state.cursor ? (
        <ListingLink to={firstListingPage(state)} scroll className={buttonClass('secondary')}>
          <span aria-hidden="true">←</span> Back to first page
        </ListingLink>
      ) : (
        <span className="hidden sm:block" />
      )}
      {/* A hand-edited page number could count past the end; then only the total is said. */}
      <p className="order-first w-full text-center text-sm text-stone-500 tabular-nums sm:order-none sm:w-auto">
        {to <= total ? `Showing ${from}–${to} of ${total}` : `${total} products`}
      </p>
      {nextCursor ? (
        <ListingLink
          to={nextListingPage(state, nextCursor)}
          scroll
          className={`${buttonClass('primary')} ml-auto sm:ml-0`}
        >
          Next page <span aria-hidden="true">→</span>
        </ListingLink>
      ) : (
        <p className="ml-auto text-sm text-stone-500 sm:ml-0">You’ve reached the end</p>
      )}
    </nav>
  );
}
