import type { ProductImage as ProductImageData } from '@bazaar/contracts';
import Image from 'next/image';

/**
 * A product image served by the API (same origin via the /media rewrite). Demo images are SVGs,
 * so they are never run through the image optimiser.
 *
 * `priority` marks an image likely to be the largest paint: fetched at once at high priority.
 * Not Next's `priority`/`preload`, which adds a `<link rel=preload>` at low priority for an image
 * the HTML already shows early (and preloads it even where CSS hides it, as on phones).
 */
export function ProductImage({
  image,
  fallbackAlt,
  className,
  priority = false,
  eager = false,
  sizes,
}: {
  image: ProductImageData | null | undefined;
  fallbackAlt: string;
  className?: string;
  priority?: boolean;
  /** Fetched at once at normal priority (in the first screen, but not the largest paint). */
  eager?: boolean;
  sizes?: string;
}) {
  if (!image) {
    return (
      <div
        role="img"
        aria-label={`${fallbackAlt} (no image yet)`}
        className={`flex items-center justify-center bg-stone-100 text-stone-400 ${className ?? ''}`}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="size-10"
          fill="none"
          stroke="currentColor"
        >
          <path
            strokeWidth="1.5"
            strokeLinecap="round"
            strokeLinejoin="round"
            d="M3 16.5 8.25 11.25a1.5 1.5 0 0 1 2.12 0L15.75 16.5M14.25 15l1.5-1.5a1.5 1.5 0 0 1 2.12 0L21 16.5M4.5 20.25h15a1.5 1.5 0 0 0 1.5-1.5V5.25a1.5 1.5 0 0 0-1.5-1.5h-15A1.5 1.5 0 0 0 3 5.25v13.5a1.5 1.5 0 0 0 1.5 1.5Z"
          />
        </svg>
      </div>
    );
  }
  return (
    <Image
      src={image.url}
      alt={image.alt || fallbackAlt}
      width={image.width}
      height={image.height}
      unoptimized
      loading={priority || eager ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : undefined}
      sizes={sizes}
      className={className}
    />
  );
}
