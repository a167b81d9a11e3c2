'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import type { ProductListQuery } from '@/lib/catalog';
import { useTRPC } from '@/trpc/react';
import { ProductCard, ProductGridList } from './product-card';
import { emptyStateClass } from './ui/styles';

/**
 * A fixed grid of products (the home page's strip). Searchable, filterable, paged listings are
 * `listing/catalog-browser.tsx`.
 */
export function ProductListing({ input, label }: { input: ProductListQuery; label: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.catalog.products.list.queryOptions(input));

  if (data.items.length === 0) {
    return (
      <div className={emptyStateClass}>
        <p className="font-medium text-base text-stone-900">No products here yet</p>
        <p className="mt-1">New pieces arrive every week — check back soon.</p>
      </div>
    );
  }

  return (
    <ProductGridList label={label}>
      {data.items.map((product, i) => (
        <li key={product.id}>
          <ProductCard product={product} priority={i < 4} />
        </li>
      ))}
    </ProductGridList>
  );
}
