import type { ProductImage as ProductImageData } from '@bazaar/contracts';

/**
 * A product image served by the API (same origin via the /media rewrite), as a plain `<img>`:
 * the images are never run through Next's optimiser (demo images are SVGs, uploads come in the
 * sizes the API made), so `next/image` only added its client code (~5 kB gzipped) to every page.
 * Width and height reserve the space; `text-transparent` hides the alt text while it loads.
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
}: {
  image: ProductImageData | null | undefined;
  fallbackAlt: string;
  className?: string;
  priority?: boolean;
  /** Fetched at once at normal priority (in the first screen, but not the largest paint). */
  eager?: boolean;
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
    // biome-ignore lint/performance/noImgElement: never optimised (see above), so next/image would only add script
    <img
      src={image.url}
      alt={image.alt || fallbackAlt}
      width={image.width}
      height={image.height}
      loading={priority || eager ? 'eager' : 'lazy'}
      decoding="async"
      fetchPriority={priority ? 'high' : undefined}
      className={`text-transparent ${className ?? ''}`}
    />
  );
}
