import type { Metadata } from 'next';

export const SITE_NAME = 'Bazaar';

export interface ShareImage {
  url: string;
  alt?: string | null;
  width?: number | null;
  height?: number | null;
}

/**
 * Link previews (Open Graph, Twitter cards) do not show SVG, which the demo catalog's pictures
 * are: they are shared as the API's PNG of the same picture.
 */
export function shareableImageUrl(url: string): string {
  return url.replace(/^(\/media\/demo\/[a-z0-9_-]+)\.svg$/, '$1.png');
}

/**
 * Open Graph and Twitter card tags, and the canonical URL, for a shop page. Paths are resolved
 * against `metadataBase` (the shop's public URL, set in the root layout), so every URL a
 * crawler reads is absolute. Next.js replaces a parent's `openGraph` rather than merging it, so
 * each page passes the whole set. `og:type` is left out for products: Next.js only knows the
 * types of the OG spec, so the product page writes `og:type` product itself.
 */
export function shareMetadata({
  title,
  description,
  path,
  image,
  type = 'website',
}: {
  title: string;
  description: string;
  path: string;
  image?: ShareImage | null | undefined;
  type?: 'website' | 'product';
}): Pick<Metadata, 'alternates' | 'openGraph' | 'twitter'> {
  const images = image
    ? [
        {
          url: shareableImageUrl(image.url),
          ...(image.alt ? { alt: image.alt } : {}),
          ...(image.width ? { width: image.width } : {}),
          ...(image.height ? { height: image.height } : {}),
        },
      ]
    : undefined;
  return {
    alternates: { canonical: path },
    openGraph: {
      ...(type === 'website' ? { type } : {}),
      siteName: SITE_NAME,
      title,
      description,
      url: path,
      ...(images ? { images } : {}),
    },
    twitter: {
      card: images ? 'summary_large_image' : 'summary',
      title,
      description,
      ...(images ? { images: images.map((i) => i.url) } : {}),
    },
  };
}
