import type { ProductDetail } from '@bazaar/contracts';
import type { Page } from '@playwright/test';
import { currencyFractionDigits, formatMoney } from '../src/lib/money';
import { allProducts, productBySlug } from './api';
import { expect, test } from './test';

const origin = () => process.env.E2E_WEB_ORIGIN ?? '';

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1] ?? '');

/** A meta tag's content by its `property` (Open Graph) or `name` (Twitter). */
const meta = (page: Page, key: string) =>
  page.locator(`meta[property="${key}"], meta[name="${key}"]`).first().getAttribute('content');

interface Offer {
  '@type': string;
  price?: string;
  lowPrice?: string;
  highPrice?: string;
  priceCurrency: string;
  availability: string;
}

test('robots.txt keeps crawlers out of private areas and points at the sitemap', async ({
  request,
}) => {
  const res = await request.get('/robots.txt');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/plain');
  const lines = (await res.text()).split('\n').map((l) => l.trim());
  expect(lines).toContain('Allow: /');
  for (const path of ['/admin', '/account', '/cart', '/checkout', '/orders', '/trpc/']) {
    expect(lines).toContain(`Disallow: ${path}`);
  }
  expect(lines).toContain(`Sitemap: ${origin()}/sitemap.xml`);
});

test('the sitemap, through the shop origin, lists every product and category page', async ({
  request,
}) => {
  const index = await request.get('/sitemap.xml');
  expect(index.status()).toBe(200);
  expect(index.headers()['content-type']).toBe('application/xml; charset=utf-8');
  expect(index.headers()['cache-control']).toBe('public, max-age=3600');
  const files = locs(await index.text());
  expect(files[0]).toBe(`${origin()}/sitemaps/pages.xml`);
  expect(files.slice(1)).toEqual([`${origin()}/sitemaps/products-1.xml`]);

  const urls: string[] = [];
  for (const file of files) {
    const res = await request.get(new URL(file).pathname);
    expect(res.status(), file).toBe(200);
    const text = await res.text();
    expect(text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    urls.push(...locs(text));
  }
  expect(urls).toContain(`${origin()}/`);
  const products = await allProducts(request);
  const productUrls = urls.filter((u) => u.startsWith(`${origin()}/p/`));
  expect(productUrls.sort()).toEqual(products.map((p) => `${origin()}/p/${p.slug}`).sort());
  for (const category of new Set(products.map((p) => p.category.slug))) {
    expect(urls).toContain(`${origin()}/c/${category}`);
  }
  // What it lists is really there.
  const [someProduct] = productUrls;
  expect((await request.get(new URL(someProduct ?? '').pathname)).status()).toBe(200);
});

test('a product page has share tags and Product structured data matching the page', async ({
  page,
  request,
}) => {
  // One variant: the page shows its price and stock without a choice to make.
  let product: ProductDetail | undefined;
  for (const summary of await allProducts(request)) {
    const detail = await productBySlug(request, summary.slug);
    if (detail.variants.length === 1 && detail.images.length > 0) {
      product = detail;
      break;
    }
  }
  expect(product, 'a one-variant product with a picture').toBeDefined();
  if (!product) return;

  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`/p/${product.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: product.title })).toBeVisible();

  const url = `${origin()}/p/${product.slug}`;
  expect(await meta(page, 'og:type')).toBe('product');
  expect(await meta(page, 'og:title')).toBe(product.title);
  expect(await meta(page, 'og:url')).toBe(url);
  expect(await meta(page, 'og:site_name')).toBe('Bazaar');
  expect(await meta(page, 'og:description')).toBeTruthy();
  const image = await meta(page, 'og:image');
  expect(image).toMatch(new RegExp(`^${origin()}/media/`));
  // Link previews do not show SVG: a demo picture is shared as PNG.
  expect(image).not.toMatch(/\.svg$/);
  const shared = await request.get(new URL(image ?? '').pathname);
  expect(shared.status()).toBe(200);
  expect(shared.headers()['content-type']).toMatch(/^image\/(png|jpeg|webp)/);
  expect(await meta(page, 'twitter:card')).toBe('summary_large_image');
  expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(url);

  const scripts = page.locator('script[type="application/ld+json"]');
  await expect(scripts).toHaveCount(1);
  const data = JSON.parse((await scripts.textContent()) ?? '') as {
    '@type': string;
    name: string;
    description: string;
    url: string;
    image: string[];
    sku: string;
    offers: Offer;
  };
  expect(data['@type']).toBe('Product');
  expect(data.name).toBe(product.title);
  expect(data.description).not.toMatch(/<[a-z]/i);
  expect(data.url).toBe(url);
  expect(data.sku).toBe(product.variants[0]?.sku);
  expect(data.image.every((u) => u.startsWith(`${origin()}/`))).toBe(true);

  // The offer says what the page shows: price, currency and stock.
  const { offers } = data;
  expect(offers['@type']).toBe('Offer');
  expect(offers.priceCurrency).toBe(product.currency);
  expect(offers.price).toMatch(/^\d+(\.\d+)?$/);
  const digits = currencyFractionDigits(offers.priceCurrency);
  const amount = Math.round(Number(offers.price) * 10 ** digits);
  await expect(page.getByTestId('price')).toHaveText(
    formatMoney({ amount, currency: offers.priceCurrency }),
  );
  const stock = page.getByTestId('stock-status');
  if (offers.availability === 'https://schema.org/OutOfStock') {
    await expect(stock).toHaveText('Out of stock');
  } else {
    expect(offers.availability).toBe('https://schema.org/InStock');
    await expect(stock).not.toHaveText('Out of stock');
  }
  expect(violations).toEqual([]);
});

test('a product whose variants differ in price has an AggregateOffer', async ({
  page,
  request,
}) => {
  const summary = (await allProducts(request)).find((p) => p.priceMin.amount < p.priceMax.amount);
  test.skip(!summary, 'the demo catalog has no product with several prices');
  if (!summary) return;
  await page.goto(`/p/${summary.slug}`);
  const data = JSON.parse(
    (await page.locator('script[type="application/ld+json"]').textContent()) ?? '',
  ) as { offers: Offer & { offers: Offer[] } };
  const decimal = (amount: number) =>
    (amount / 10 ** currencyFractionDigits(summary.priceMin.currency)).toFixed(
      currencyFractionDigits(summary.priceMin.currency),
    );
  expect(data.offers).toMatchObject({
    '@type': 'AggregateOffer',
    lowPrice: decimal(summary.priceMin.amount),
    highPrice: decimal(summary.priceMax.amount),
    priceCurrency: summary.priceMin.currency,
  });
  expect(data.offers.offers.length).toBeGreaterThan(1);
});

test('home and category pages have share tags with absolute URLs', async ({ page }) => {
  await page.goto('/');
  expect(await meta(page, 'og:type')).toBe('website');
  // Next.js writes the root URL without its trailing slash; both name the same page.
  expect(await meta(page, 'og:url')).toMatch(new RegExp(`^${origin()}/?$`));
  expect(await meta(page, 'og:title')).toMatch(/Bazaar/);
  expect(await meta(page, 'og:image')).toMatch(new RegExp(`^${origin()}/media/`));
  expect(await meta(page, 'twitter:card')).toBe('summary_large_image');

  const link = page
    .getByRole('region', { name: 'Shop by category' })
    .getByRole('heading', { level: 3 })
    .getByRole('link')
    .first();
  const name = ((await link.textContent()) ?? '').trim();
  const href = (await link.getAttribute('href')) ?? '';
  await page.goto(href);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect(await meta(page, 'og:title')).toBe(name);
  expect(await meta(page, 'og:url')).toBe(`${origin()}${href}`);
  expect(await meta(page, 'og:image')).toMatch(new RegExp(`^${origin()}/media/`));
  expect(await meta(page, 'twitter:card')).toBe('summary_large_image');
});
