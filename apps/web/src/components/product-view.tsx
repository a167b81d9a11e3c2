'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRef, useState } from 'react';
import { currencyName } from '@/lib/currency';
import { useEarlyPicks } from '@/lib/use-early-input';
import {
  findVariant,
  galleryImages,
  initialSelection,
  isValueAvailable,
  priceRange,
  type Selection,
  selectValue,
} from '@/lib/variants';
import { useTRPC } from '@/trpc/react';
import { AddToCart } from './cart/add-to-cart';
import { Price, PriceRange } from './price';
import { ProductGallery } from './product-gallery';
import { StockStatus } from './stock-status';

export function ProductView({ slug, currency }: { slug: string; currency: string }) {
  const trpc = useTRPC();
  const { data: product } = useSuspenseQuery(
    trpc.catalog.products.bySlug.queryOptions({ slug, currency }),
  );
  // Only variants with a price in this currency can be bought in it.
  const variants = product.variants.filter((v) => v.price !== null);
  const [selection, setSelection] = useState<Selection>(() =>
    initialSelection({ options: product.options, variants }),
  );
  const optionsRef = useRef<HTMLDivElement>(null);
  useEarlyPicks(optionsRef, selection, (name, value) => {
    const index = product.options.findIndex((option) => option.name === name);
    if (index !== -1) setSelection((s) => selectValue(variants, product.options, s, index, value));
  });
  const variant = findVariant(variants, product.options, selection);
  const images = galleryImages(product.images, selection, variant);

  const prices = priceRange(variants);

  return (
    <div className="grid gap-10 lg:grid-cols-2 lg:gap-16">
      {/* Never another colour's picture: without one for this choice, the placeholder shows. */}
      <ProductGallery images={images} title={product.title} />

      <div className="flex flex-col gap-8 lg:py-4">
        <div className="space-y-3">
          <Link
            href={`/c/${product.category.slug}`}
            className="rounded-sm font-medium text-brand-700 text-sm uppercase tracking-wider hover:underline"
          >
            {product.category.name}
          </Link>
          <h1 className="font-display font-semibold text-4xl text-stone-900 tracking-tight sm:text-5xl">
            {product.title}
          </h1>
        </div>

        <div aria-live="polite" className="flex flex-wrap items-center gap-x-6 gap-y-2">
          {variant?.price ? (
            <Price
              money={variant.price}
              compareAt={variant.compareAtPrice}
              className="font-semibold text-2xl text-stone-900 tabular-nums"
            />
          ) : prices ? (
            <PriceRange
              min={prices.min}
              max={prices.max}
              className="font-semibold text-2xl tabular-nums"
            />
          ) : null}
          {variant ? <StockStatus stock={variant.stock} lowStock={variant.lowStock} /> : null}
        </div>

        {variants.length === 0 ? (
          <NotSoldIn currency={product.currency} soldIn={product.currencies} slug={slug} />
        ) : null}

        {variants.length > 0 && product.options.length > 0 ? (
          <div ref={optionsRef} className="space-y-6">
            {product.options.map((option, index) => (
              <fieldset key={option.name}>
                <legend className="font-medium text-sm text-stone-900">
                  {option.name}
                  {selection[option.name] ? (
                    <span className="font-normal text-stone-500">: {selection[option.name]}</span>
                  ) : null}
                </legend>
                <div className="mt-3 flex flex-wrap gap-2">
                  {option.values.map((value) => {
                    const available = isValueAvailable(
                      variants,
                      product.options,
                      selection,
                      index,
                      value,
                    );
                    const wouldSelect = available
                      ? findVariant(
                          variants,
                          product.options,
                          selectValue(variants, product.options, selection, index, value),
                        )
                      : undefined;
                    const soldOut = available && (wouldSelect?.stock ?? 0) === 0;
                    const id = `option-${option.name}-${value}`.replace(/[^a-zA-Z0-9_-]/g, '-');
                    return (
                      <div key={value} className="relative">
                        <input
                          type="radio"
                          id={id}
                          name={option.name}
                          value={value}
                          checked={selection[option.name] === value}
                          disabled={!available}
                          onChange={() =>
                            setSelection((s) =>
                              selectValue(variants, product.options, s, index, value),
                            )
                          }
                          className="peer absolute inset-0 size-full cursor-pointer appearance-none rounded-full opacity-0 disabled:cursor-not-allowed"
                        />
                        <label
                          htmlFor={id}
                          data-sold-out={soldOut || undefined}
                          className={`pointer-events-none inline-flex min-w-12 select-none items-center justify-center rounded-full px-4 py-2 font-medium text-sm ring-1 transition peer-checked:ring-2 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-600 peer-focus-visible:outline-offset-2 peer-disabled:bg-stone-100 peer-disabled:text-stone-400 peer-disabled:line-through peer-disabled:ring-stone-200 ${
                            soldOut
                              ? // Sold out: still pickable (to see it is out), but it looks it.
                                'bg-stone-100 text-stone-400 line-through decoration-stone-400 ring-stone-200 peer-checked:bg-stone-200 peer-checked:text-stone-600 peer-checked:ring-stone-500 peer-hover:ring-stone-400'
                              : 'bg-white text-stone-800 ring-stone-300 peer-checked:bg-stone-900 peer-checked:text-white peer-checked:ring-stone-900 peer-hover:ring-stone-900'
                          }`}
                        >
                          {value}
                          {soldOut ? <span className="sr-only"> (out of stock)</span> : null}
                          {!available ? <span className="sr-only"> (unavailable)</span> : null}
                        </label>
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            ))}
          </div>
        ) : null}

        {!variant && variants.length > 0 ? (
          <p className="text-sm text-stone-600">This combination isn’t available.</p>
        ) : null}

        <div className="space-y-3">
          <AddToCart variant={variant ?? null} currency={currency} />
          {variant ? (
            <p className="text-stone-500 text-xs">
              SKU <span className="font-mono">{variant.sku}</span>
            </p>
          ) : null}
        </div>

        <section aria-labelledby="description-heading" className="border-stone-200 border-t pt-8">
          <h2 id="description-heading" className="font-semibold text-stone-900">
            Description
          </h2>
          <div
            className="mt-3 space-y-4 text-stone-700 leading-relaxed [&_a]:text-brand-700 [&_a]:underline [&_h3]:font-semibold [&_h3]:text-stone-900 [&_ol]:list-decimal [&_ol]:pl-5 [&_ul]:list-disc [&_ul]:pl-5"
            // Safe HTML: the API sends descriptions through its allowlist sanitiser.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server
            dangerouslySetInnerHTML={{ __html: product.description }}
          />
        </section>
      </div>
    </div>
  );
}

/** A product without a price in the shopper's currency: say so, and offer one it is sold in. */
function NotSoldIn({
  currency,
  soldIn,
  slug,
}: {
  currency: string;
  soldIn: readonly string[];
  slug: string;
}) {
  const other = soldIn[0];
  return (
    <div
      role="status"
      className="rounded-2xl bg-amber-50 p-4 text-amber-900 text-sm ring-1 ring-amber-200"
    >
      <p>This product isn’t sold in {currencyName(currency)}.</p>
      {other ? (
        <form method="post" action="/currency" className="mt-2">
          <input type="hidden" name="currency" value={other} />
          <input type="hidden" name="next" value={`/p/${slug}`} />
          <button type="submit" className="font-medium underline underline-offset-2">
            Show prices in {currencyName(other)}
          </button>
        </form>
      ) : null}
    </div>
  );
}
