'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ProductListQuery } from '@/lib/catalog';
import { useTRPC } from '@/trpc/react';
import { ProductCard, ProductGridList } from './product-card';

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
      <div className="rounded-2xl border border-stone-300 border-dashed bg-white px-6 py-16 text-center">
        <p className="font-medium text-stone-900">No products here yet</p>
        <p className="mt-1 text-sm text-stone-600">
          New pieces arrive every week — check back soon.
        </p>
        {input.cursor && basePath ? (
          <Link
            href={basePath}
            className="mt-4 inline-block font-medium text-brand-700 text-sm underline-offset-4 hover:underline"
          >
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
            <Link href={basePath} className={secondaryButton}>
              <span aria-hidden="true">←</span> Back to first page
            </Link>
          ) : (
            <span />
          )}
          {data.nextCursor ? (
            <Link
              href={`${basePath}?cursor=${encodeURIComponent(data.nextCursor)}`}
              className={primaryButton}
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

const primaryButton =
  'inline-flex items-center gap-2 rounded-full bg-stone-900 px-5 py-2.5 font-medium text-sm text-white shadow-sm transition-colors hover:bg-brand-700';
const secondaryButton =
  'inline-flex items-center gap-2 rounded-full bg-white px-5 py-2.5 font-medium text-sm text-stone-800 shadow-sm ring-1 ring-stone-300 transition-colors hover:bg-stone-100';
