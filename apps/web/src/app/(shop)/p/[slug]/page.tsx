import { slugSchema } from '@bazaar/contracts';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { Container } from '@/components/container';
import { JsonLd } from '@/components/json-ld';
import { ProductView } from '@/components/product-view';
import { env } from '@/env';
import { productJsonLd } from '@/lib/seo/product-json-ld';
import { shareMetadata } from '@/lib/seo/share-metadata';
import { plainTextOf } from '@/lib/text';
import { getQueryClient, getTRPC, HydrateClient, trpcErrorCode } from '@/trpc/server';
import { getShopCurrency } from '@/trpc/shop-currency';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
}

/** The product, or the 404 page (also for slugs the API would reject as malformed). */
const loadProduct = cache(async (slug: string) => {
  if (!slugSchema.safeParse(slug).success) notFound();
  const { current: currency } = await getShopCurrency();
  try {
    return await getQueryClient().fetchQuery(
      getTRPC().catalog.products.bySlug.queryOptions({ slug, currency }),
    );
  } catch (error) {
    if (trpcErrorCode(error) === 'NOT_FOUND') notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const product = await loadProduct(slug);
  const description = plainTextOf(product.description).slice(0, 160);
  // The product's own picture first (not one of a variant or colour), as the listings show.
  const image =
    product.images.find((i) => i.variantId === null && i.option === null) ?? product.images[0];
  return {
    title: product.title,
    description,
    ...shareMetadata({
      title: product.title,
      description,
      path: `/p/${product.slug}`,
      image: image && { ...image, alt: image.alt || product.title },
      type: 'product',
    }),
  };
}

export default async function ProductPage({ params }: Props) {
  const { slug } = await params;
  const product = await loadProduct(slug);
  const url = new URL(`/p/${product.slug}`, env.PUBLIC_URL).href;

  return (
    <HydrateClient>
      {/* Next.js writes only the OG spec's own types; React hoists this into the head. */}
      <meta property="og:type" content="product" />
      <JsonLd data={productJsonLd(product, url)} />
      <Container className="pt-8 pb-24 sm:pt-12">
        <Breadcrumbs
          items={[
            { label: 'Home', href: '/' },
            { label: product.category.name, href: `/c/${product.category.slug}` },
            { label: product.title },
          ]}
        />
        <div className="mt-8">
          <ProductView slug={slug} currency={product.currency} />
        </div>
      </Container>
    </HydrateClient>
  );
}
