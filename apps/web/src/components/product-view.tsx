'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { paragraphs } from '@/lib/text';
import {
  findVariant,
  initialSelection,
  isValueAvailable,
  priceRange,
  type Selection,
  selectValue,
} from '@/lib/variants';
import { useTRPC } from '@/trpc/react';
import { Price, PriceRange } from './price';
import { ProductGallery } from './product-gallery';
import { StockStatus } from './stock-status';

export function ProductView({ slug }: { slug: string }) {
  const trpc = useTRPC();
  const { data: product } = useSuspenseQuery(trpc.catalog.products.bySlug.queryOptions({ slug }));
  const [selection, setSelection] = useState<Selection>(() => initialSelection(product));
  const variant = findVariant(product.variants, product.options, selection);

  const prices = priceRange(product.variants);

  return (
    <div className="grid gap-10 lg:grid-cols-2 lg:gap-16">
      <ProductGallery images={product.images} title={product.title} />

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
          {variant ? (
            <Price
              money={variant.price}
              className="font-semibold text-2xl text-stone-900 tabular-nums"
            />
          ) : prices ? (
            <PriceRange
              min={prices.min}
              max={prices.max}
              className="font-semibold text-2xl tabular-nums"
            />
          ) : null}
          {variant ? <StockStatus stock={variant.stock} /> : null}
        </div>

        {product.options.length > 0 ? (
          <div className="space-y-6">
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
                      product.variants,
                      product.options,
                      selection,
                      index,
                      value,
                    );
                    const wouldSelect = available
                      ? findVariant(
                          product.variants,
                          product.options,
                          selectValue(product.variants, product.options, selection, index, value),
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
                              selectValue(product.variants, product.options, s, index, value),
                            )
                          }
                          className="peer absolute inset-0 size-full cursor-pointer appearance-none rounded-full opacity-0 disabled:cursor-not-allowed"
                        />
                        <label
                          htmlFor={id}
                          className={`pointer-events-none inline-flex min-w-12 select-none items-center justify-center rounded-full px-4 py-2 font-medium text-sm ring-1 transition peer-checked:bg-stone-900 peer-checked:text-white peer-checked:ring-stone-900 peer-focus-visible:outline-2 peer-focus-visible:outline-brand-600 peer-focus-visible:outline-offset-2 peer-disabled:bg-stone-100 peer-disabled:text-stone-400 peer-disabled:line-through peer-disabled:ring-stone-200 ${
                            soldOut
                              ? 'bg-white text-stone-500 ring-stone-300 peer-hover:ring-stone-500'
                              : 'bg-white text-stone-800 ring-stone-300 peer-hover:ring-stone-900'
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

        {!variant && product.variants.length > 0 ? (
          <p className="text-sm text-stone-600">This combination isn’t available.</p>
        ) : null}

        <div className="space-y-3">
          <button
            type="button"
            disabled
            className="w-full cursor-not-allowed rounded-full bg-stone-300 px-6 py-3.5 font-semibold text-stone-600"
          >
            Add to cart — coming soon
          </button>
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
          <div className="mt-3 space-y-4 text-stone-700 leading-relaxed">
            {paragraphs(product.description).map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </div>
        </section>
      </div>
    </div>
  );
}
