'use client';

import type { ProductImage as ProductImageData } from '@bazaar/contracts';
import { useEffect, useState } from 'react';
import { ProductImage } from './product-image';

export function ProductGallery({ images, title }: { images: ProductImageData[]; title: string }) {
  const [index, setIndex] = useState(0);
  // A new set of pictures (another colour picked) starts at its first.
  const first = images[0]?.url;
  useEffect(() => {
    if (first !== undefined) setIndex(0);
  }, [first]);
  const current = images[index] ?? images[0];

  return (
    <div className="mx-auto flex w-full max-w-xl flex-col gap-4 lg:mx-0">
      <div
        className="overflow-hidden rounded-3xl bg-stone-100 ring-1 ring-stone-900/5"
        style={{ aspectRatio: current ? `${current.width} / ${current.height}` : '1 / 1' }}
      >
        <ProductImage
          image={current}
          fallbackAlt={title}
          priority
          className="size-full object-cover"
        />
      </div>
      {images.length > 1 ? (
        <ul aria-label="Product images" className="grid grid-cols-4 gap-3 sm:grid-cols-5">
          {images.map((image, i) => (
            <li key={image.url}>
              <button
                type="button"
                onClick={() => setIndex(i)}
                aria-label={`Show image ${i + 1} of ${images.length}`}
                aria-pressed={i === index}
                className={`block aspect-square w-full overflow-hidden rounded-xl bg-stone-100 ring-offset-2 ring-offset-stone-50 transition ${
                  i === index
                    ? 'ring-2 ring-stone-900'
                    : 'opacity-80 ring-1 ring-stone-900/10 hover:opacity-100'
                }`}
              >
                <ProductImage
                  image={{ ...image, alt: '' }}
                  fallbackAlt=""
                  // Lazy, though often in the first screen: the browser fetches them once laid
                  // out, after the main picture (the largest paint) instead of beside it.
                  className="size-full object-cover"
                />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
