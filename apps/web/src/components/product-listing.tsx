'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ProductListQuery } from '@/lib/catalog';
import { useTRPC } from '@/trpc/react';
import { ProductCard, ProductGridList } from './product-card';
import { buttonClass, emptyStateClass, linkClass } from './ui/styles';

/** A grid of products; with `basePath`, adds cursor pagination links (`?cursor=…`). */
export function ProductListing({
  input,
  basePath,
  label,
}: {
  input: ProductListQuery;
  basePath?: string;
  label: string;
}) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.catalog.products.list.queryOptions(input));

  if (data.items.length === 0) {
    return (
      <div className={emptyStateClass}>
        <p className="font-medium text-base text-stone-900">No products here yet</p>
        <p className="mt-1">New pieces arrive every week — check back soon.</p>
        {input.cursor && basePath ? (
          <Link href={basePath} className={`mt-4 inline-block text-sm ${linkClass}`}>
            Back to first page
          </Link>
        ) : null}
      </div>
    );
  }

  return (
    <div>
      <ProductGridList label={label}>
        {data.items.map((product, i) => (
          <li key={product.id}>
            <ProductCard product={product} priority={i < 4} />
          </li>
        ))}
      </ProductGridList>
      {basePath && (input.cursor || data.nextCursor) ? (
        <nav
          aria-label="Pagination"
          className="mt-14 flex flex-wrap items-center justify-between gap-4 border-stone-200 border-t pt-6"
        >
          {input.cursor ? (
            <Link href={basePath} className={buttonClass('secondary')}>
              <span aria-hidden="true">←</span> Back to first page
            </Link>
          ) : (
            <span />
          )}
          {data.nextCursor ? (
            <Link
              href={`${basePath}?cursor=${encodeURIComponent(data.nextCursor)}`}
              className={buttonClass('primary')}
            >
              Next page <span aria-hidden="true">→</span>
            </Link>
          ) : (
            <p className="text-sm text-stone-500">You’ve reached the end</p>
          )}
        </nav>
      ) : null}
    </div>
  );
}
