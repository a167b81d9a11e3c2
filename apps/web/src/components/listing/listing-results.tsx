'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import type { ListingState } from '@/lib/listing-params';
import { type ListingContext, listingPageInput } from '@/lib/listing-query';
import { useTRPC } from '@/trpc/react';
import { ProductCard, ProductGridList } from '../product-card';
import { ListingEmpty } from './listing-empty';
import { ListingPagination } from './listing-pagination';

/** A page of the listing (prefetched by the page), then its paging links. */
export function ListingResults({
  state,
  context,
  label,
}: {
  state: ListingState;
  context: ListingContext;
  label: string;
}) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(
    trpc.catalog.products.list.queryOptions(listingPageInput(state, context)),
  );
  if (data.items.length === 0) return <ListingEmpty />;
  return (
    <>
      <ProductGridList label={label}>
        {data.items.map((product, i) => (
          <li key={product.id}>
            <ProductCard product={product} priority={i < 4} />
          </li>
        ))}
      </ProductGridList>
      <ListingPagination
        nextCursor={data.nextCursor}
        total={data.total}
        limit={context.limit}
        itemsOnPage={data.items.length}
      />
    </>
  );
}
