import { type Category, slugSchema } from '@bazaar/contracts';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { Container } from '@/components/container';
import { CatalogBrowser } from '@/components/listing/catalog-browser';
import { CATEGORY_PAGE_SIZE, productListQuery } from '@/lib/catalog';
import { categoryTrail, childCategories } from '@/lib/categories';
import { parseListingParams, type RawSearchParams } from '@/lib/listing-params';
import { shareMetadata } from '@/lib/seo/share-metadata';
import { getQueryClient, getTRPC, HydrateClient } from '@/trpc/server';
import { getShopCurrency } from '@/trpc/shop-currency';
import { prefetchListing } from '../../_lib/prefetch-listing';

export const dynamic = 'force-dynamic';

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<RawSearchParams>;
}

/** The category and its ancestors (root first), or the 404 page. */
const loadCategory = cache(async (slug: string) => {
  if (!slugSchema.safeParse(slug).success) notFound();
  const { current: currency } = await getShopCurrency();
  const categories = await getQueryClient().fetchQuery(
    getTRPC().catalog.categories.queryOptions({ currency }),
  );
  const trail = categoryTrail(categories, slug);
  const category = trail.at(-1);
  if (!category) notFound();
  return { categories, trail, category, currency };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const { category, currency } = await loadCategory(slug);
  // The first page's first picture: the same query as the page's, so fetched once.
  const firstPage = await getQueryClient()
    .fetchQuery(
      getTRPC().catalog.products.list.queryOptions(
        productListQuery({ categorySlug: slug, limit: CATEGORY_PAGE_SIZE, currency }),
      ),
    )
    .catch(() => null);
  const image = firstPage?.items.find((p) => p.image)?.image;
  return {
    title: category.name,
    description: category.description,
    ...shareMetadata({
      title: category.name,
      description: category.description,
      path: `/c/${category.slug}`,
      image,
    }),
  };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { categories, trail, category, currency } = await loadCategory(slug);
  // The category is the page's own; a `category` parameter has no say here.
  const state = { ...parseListingParams(await searchParams, currency), category: null };
  const context = { currency, limit: CATEGORY_PAGE_SIZE, categorySlug: slug };
  const listing = await prefetchListing(state, context);

  const parent = trail.at(-2);
  const children = childCategories(categories, category.id);
  // Leaf categories show their siblings, so shoppers can hop across the section.
  const chips: Category[] =
    children.length > 0 ? children : parent ? childCategories(categories, parent.id) : [];

  return (
    <HydrateClient>
      <div className="border-stone-200/80 border-b bg-white">
        <Container className="py-10 sm:py-14">
          <Breadcrumbs
            items={[
              { label: 'Home', href: '/' },
              ...trail.map((c) => ({ label: c.name, href: `/c/${c.slug}` })),
            ]}
          />
          <div className="mt-6 flex flex-wrap items-end justify-between gap-4">
            <div className="max-w-2xl">
              <h1 className="font-display font-semibold text-4xl text-stone-900 tracking-tight sm:text-5xl">
                {category.name}
              </h1>
              <p className="mt-3 text-lg text-stone-600">{category.description}</p>
            </div>
            <p className="font-medium text-sm text-stone-500">
              {category.productCount} {category.productCount === 1 ? 'product' : 'products'}
            </p>
          </div>
          {chips.length > 0 ? (
            <nav
              aria-label={children.length > 0 ? 'Subcategories' : `More in ${parent?.name ?? ''}`}
              className="mt-8"
            >
              <ul className="flex flex-wrap gap-2">
                {parent && children.length === 0 ? (
                  <li>
                    <Link href={`/c/${parent.slug}`} className={chipClass(false)}>
                      All {parent.name}
                    </Link>
                  </li>
                ) : null}
                {chips.map((chip) => {
                  const current = chip.id === category.id;
                  return (
                    <li key={chip.id}>
                      <Link
                        href={`/c/${chip.slug}`}
                        aria-current={current ? 'page' : undefined}
                        className={chipClass(current)}
                      >
                        {chip.name}
                        <span className={current ? 'text-stone-300' : 'text-stone-400'}>
                          {chip.productCount}
                        </span>
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          ) : null}
        </Container>
      </div>

      <Container className="pt-10 pb-24">
        <h2 className="sr-only">Products</h2>
        <CatalogBrowser
          path={`/c/${category.slug}`}
          state={state}
          context={context}
          label={`${category.name} products`}
          cursorExpired={listing.cursorExpired}
        />
      </Container>
    </HydrateClient>
  );
}

function chipClass(current: boolean) {
  return `inline-flex items-center gap-2 rounded-full px-4 py-2 font-medium text-sm ring-1 transition-colors ${
    current
      ? 'bg-stone-900 text-white ring-stone-900'
      : 'bg-white text-stone-700 ring-stone-300 hover:bg-stone-100 hover:text-stone-900'
  }`;
}
