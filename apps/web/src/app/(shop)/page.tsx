import type { Metadata } from 'next';
import Link from 'next/link';
import { Container } from '@/components/container';
import { ProductImage } from '@/components/product-image';
import { ProductListing } from '@/components/product-listing';
import { FEATURED_COUNT, productListQuery } from '@/lib/catalog';
import { childCategories, topLevelCategories } from '@/lib/categories';
import { shareMetadata } from '@/lib/seo/share-metadata';
import { getQueryClient, getTRPC } from '@/trpc/server';
import { getShopCurrency } from '@/trpc/shop-currency';

export const dynamic = 'force-dynamic';

const TITLE = 'Bazaar — well-made things for everyday life';
const DESCRIPTION =
  'Clothing, homeware, stationery and outdoor kit from independent makers, chosen to be used daily and kept for years.';

export async function generateMetadata(): Promise<Metadata> {
  const { current: currency } = await getShopCurrency();
  // The newest product's picture: the same query as the page's "New arrivals", fetched once.
  const featured = await getQueryClient()
    .fetchQuery(
      getTRPC().catalog.products.list.queryOptions(
        productListQuery({ limit: FEATURED_COUNT, currency }),
      ),
    )
    .catch(() => null);
  const image = featured?.items.find((p) => p.image)?.image;
  return {
    title: { absolute: TITLE },
    description: DESCRIPTION,
    ...shareMetadata({ title: TITLE, description: DESCRIPTION, path: '/', image }),
  };
}

const TINTS = [
  'from-brand-100 to-brand-50',
  'from-emerald-100 to-stone-50',
  'from-sky-100 to-stone-50',
  'from-amber-100 to-stone-50',
  'from-rose-100 to-stone-50',
  'from-violet-100 to-stone-50',
];

export default async function HomePage() {
  const trpc = getTRPC();
  const queryClient = getQueryClient();
  const { current: currency } = await getShopCurrency();
  const featuredInput = productListQuery({ limit: FEATURED_COUNT, currency });
  const [categories, featured] = await Promise.all([
    queryClient.fetchQuery(trpc.catalog.categories.queryOptions({ currency })),
    queryClient.fetchQuery(trpc.catalog.products.list.queryOptions(featuredInput)),
  ]);
  const topLevel = topLevelCategories(categories);
  const heroImages = featured.items.filter((p) => p.image).slice(0, 3);
  const firstCategory = topLevel[0];

  // Server components only: the header's category nav reads the categories the layout hydrates.
  return (
    <>
      <section aria-labelledby="hero-heading" className="border-stone-200/80 border-b bg-white">
        <Container className="grid items-center gap-12 py-16 sm:py-20 lg:grid-cols-2 lg:py-24">
          <div>
            <p className="font-medium text-brand-700 text-sm uppercase tracking-widest">
              New season, same good things
            </p>
            <h1
              id="hero-heading"
              className="mt-4 font-display font-semibold text-5xl text-stone-900 leading-[1.05] tracking-tight sm:text-6xl"
            >
              Well-made things for everyday life.
            </h1>
            <p className="mt-6 max-w-lg text-lg text-stone-600 leading-relaxed">
              Clothing, homeware, stationery and outdoor kit from independent makers — chosen to be
              used daily and kept for years.
            </p>
            <div className="mt-10 flex flex-wrap gap-3">
              {firstCategory ? (
                <Link
                  href={`/c/${firstCategory.slug}`}
                  className="inline-flex items-center gap-2 rounded-full bg-stone-900 px-6 py-3 font-medium text-white shadow-sm transition-colors hover:bg-brand-700"
                >
                  Shop {firstCategory.name} <span aria-hidden="true">→</span>
                </Link>
              ) : null}
              <Link
                href="#categories"
                className="inline-flex items-center rounded-full bg-white px-6 py-3 font-medium text-stone-800 shadow-sm ring-1 ring-stone-300 transition-colors hover:bg-stone-100"
              >
                Browse categories
              </Link>
            </div>
          </div>
          {heroImages.length === 3 ? (
            <div aria-hidden="true" className="hidden grid-cols-3 gap-4 sm:grid">
              {heroImages.map((product, i) => (
                <div
                  key={product.id}
                  className={`aspect-square overflow-hidden rounded-3xl bg-stone-100 shadow-sm ring-1 ring-stone-900/5 ${
                    i === 1 ? 'translate-y-10' : i === 2 ? 'translate-y-4' : ''
                  }`}
                >
                  <ProductImage
                    image={product.image}
                    fallbackAlt=""
                    // Hidden on phones, where the heading is the largest paint: lazy, so a phone
                    // never fetches them (nor does React preload them ahead of the fonts).
                    className="size-full object-cover"
                  />
                </div>
              ))}
            </div>
          ) : null}
        </Container>
      </section>

      <section aria-labelledby="categories-heading" id="categories" className="scroll-mt-24">
        <Container className="py-16 sm:py-20">
          <div className="flex items-end justify-between gap-4">
            <div>
              <h2
                id="categories-heading"
                className="font-display font-semibold text-3xl text-stone-900 tracking-tight"
              >
                Shop by category
              </h2>
              <p className="mt-2 text-stone-600">Find your way around the shop.</p>
            </div>
          </div>
          <ul className="mt-10 grid gap-5 sm:grid-cols-2 lg:grid-cols-3">
            {topLevel.map((category, i) => {
              const children = childCategories(categories, category.id);
              return (
                <li
                  key={category.id}
                  className={`group relative flex flex-col rounded-3xl bg-gradient-to-br p-7 ring-1 ring-stone-900/5 transition-shadow hover:shadow-md ${
                    TINTS[i % TINTS.length]
                  }`}
                >
                  <h3 className="font-display font-semibold text-2xl text-stone-900">
                    <Link
                      href={`/c/${category.slug}`}
                      className="rounded-sm after:absolute after:inset-0 after:rounded-3xl after:content-[''] focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-brand-600 focus-visible:after:outline-offset-2"
                    >
                      {category.name}
                    </Link>
                  </h3>
                  <p className="mt-1 font-medium text-sm text-stone-600">
                    {category.productCount} {category.productCount === 1 ? 'product' : 'products'}
                  </p>
                  <p className="mt-4 text-stone-700 leading-relaxed">{category.description}</p>
                  {children.length > 0 ? (
                    <ul
                      aria-label={`${category.name} subcategories`}
                      className="relative z-10 mt-6 flex flex-wrap gap-2"
                    >
                      {children.map((child) => (
                        <li key={child.id}>
                          <Link
                            href={`/c/${child.slug}`}
                            className="inline-flex rounded-full bg-white/80 px-3 py-1 text-sm text-stone-700 ring-1 ring-stone-900/10 transition-colors hover:bg-white hover:text-stone-900"
                          >
                            {child.name}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <span
                    aria-hidden="true"
                    className="mt-auto pt-6 font-medium text-sm text-stone-900 transition-transform group-hover:translate-x-1"
                  >
                    Shop now →
                  </span>
                </li>
              );
            })}
          </ul>
        </Container>
      </section>

      <section aria-labelledby="featured-heading" className="border-stone-200/80 border-t bg-white">
        <Container className="py-16 sm:py-20">
          <div className="mb-10">
            <h2
              id="featured-heading"
              className="font-display font-semibold text-3xl text-stone-900 tracking-tight"
            >
              New arrivals
            </h2>
            <p className="mt-2 text-stone-600">The latest additions to the shop.</p>
          </div>
          <ProductListing products={featured.items} label="New arrivals" />
        </Container>
      </section>
    </>
  );
}
