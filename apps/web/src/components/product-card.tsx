import type { ProductSummary } from '@bazaar/contracts';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PriceRange } from './price';
import { ProductImage } from './product-image';

export function ProductCard({
  product,
  priority = false,
}: {
  product: ProductSummary;
  priority?: boolean;
}) {
  return (
    <article className="group relative flex flex-col">
      <div className="relative aspect-square overflow-hidden rounded-xl bg-stone-100 ring-1 ring-stone-900/5 sm:rounded-2xl">
        <ProductImage
          image={product.image}
          fallbackAlt={product.title}
          // In the first screen of a category, but never preloaded ahead of the page's text: the
          // browser raises what turns out to be visible once laid out.
          eager={priority}
          className="size-full object-cover transition duration-300 ease-out group-hover:scale-[1.03] motion-reduce:transition-none motion-reduce:group-hover:scale-100"
        />
        {product.inStock ? (
          product.compareAt ? (
            <span className="absolute top-2 left-2 rounded-full bg-rose-700 px-2 py-0.5 font-medium text-white text-xs shadow-sm sm:top-3 sm:left-3 sm:px-2.5 sm:py-1">
              Sale
            </span>
          ) : null
        ) : (
          <span className="absolute top-2 left-2 rounded-full bg-white/95 px-2 py-0.5 font-medium text-stone-700 text-xs shadow-sm ring-1 ring-stone-900/10 sm:top-3 sm:left-3 sm:px-2.5 sm:py-1">
            Sold out
          </span>
        )}
      </div>
      <div className="mt-2.5 flex flex-1 flex-col gap-1 sm:mt-3">
        <p className="truncate text-stone-500 text-xs uppercase tracking-wider">
          {product.category.name}
        </p>
        {/* Two columns on a phone: long titles stop at two lines so the prices stay in line. */}
        <h3 className="line-clamp-2 font-medium text-sm text-stone-900 leading-snug sm:text-base">
          {/* The whole card is clickable; the link's accessible name stays just the title. */}
          <Link
            href={`/p/${product.slug}`}
            className="rounded-sm after:absolute after:inset-0 after:rounded-2xl after:content-[''] group-hover:text-brand-700 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-offset-4 focus-visible:after:outline-brand-600"
          >
            {product.title}
          </Link>
        </h3>
        <PriceRange
          min={product.priceMin}
          max={product.priceMax}
          compareAt={product.compareAt}
          className="mt-auto pt-1 font-semibold text-sm text-stone-900 tabular-nums sm:text-base"
        />
      </div>
    </article>
  );
}

export function ProductGridList({ children, label }: { children: ReactNode; label: string }) {
  return (
    <ul
      aria-label={label}
      className="grid grid-cols-2 gap-x-4 gap-y-8 sm:gap-x-6 sm:gap-y-10 md:grid-cols-3 lg:grid-cols-4"
    >
      {children}
    </ul>
  );
}
