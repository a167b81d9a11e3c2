import type { ProductDetail, Variant } from '@bazaar/contracts';
import type { Page } from '@playwright/test';
import { formatMoney } from '../src/lib/money';
import { stockLabel } from '../src/lib/stock';
import { allProducts, productBySlug } from './api';
import { expect, test } from './test';

const PAGE_SIZE = 12;

/** Reads "N products" off each category card on the home page. */
async function categoryCards(page: Page) {
  const section = page.getByRole('region', { name: 'Shop by category' });
  const cards = section
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3 }) });
  const out: { name: string; count: number }[] = [];
  for (const card of await cards.all()) {
    const name = ((await card.getByRole('heading', { level: 3 }).textContent()) ?? '').trim();
    // The count is a paragraph of its own ("12 products"), never part of the name.
    const count = card.getByText(/^\d+ products?$/);
    const match = ((await count.textContent()) ?? '').match(/^(\d+) products?$/);
    out.push({ name, count: Number(match?.[1] ?? 0) });
  }
  return out;
}

test('home → category → paginate → product', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Bazaar/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'New arrivals' }).getByRole('listitem')).toHaveCount(
    8,
  );

  // The biggest top-level category is the one most likely to span several pages.
  const cards = await categoryCards(page);
  expect(cards.length).toBeGreaterThan(0);
  const category = cards.reduce((a, b) => (b.count > a.count ? b : a));
  expect(category.count, 'a category with more than one page of products').toBeGreaterThan(
    PAGE_SIZE,
  );

  await page
    .getByRole('region', { name: 'Shop by category' })
    .getByRole('link', { name: category.name, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: category.name })).toBeVisible();
  await expect(page).toHaveTitle(`${category.name} · Bazaar`);
  await expect(
    page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: category.name }),
  ).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(category.name);

  const grid = page.getByRole('list', { name: `${category.name} products` });
  const cardLinks = grid.getByRole('heading', { level: 3 }).getByRole('link');
  await expect(cardLinks).toHaveCount(PAGE_SIZE);
  const firstPage = await cardLinks.allInnerTexts();
  await expect(page.getByRole('link', { name: 'Back to first page' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(page.getByRole('link', { name: 'Back to first page' })).toBeVisible();
  await expect(cardLinks).toHaveCount(Math.min(PAGE_SIZE, category.count - PAGE_SIZE));
  const secondPage = await cardLinks.allInnerTexts();
  expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);

  await page.getByRole('link', { name: 'Back to first page' }).click();
  await expect(page).not.toHaveURL(/cursor=/);
  await expect(cardLinks).toHaveCount(PAGE_SIZE);
  expect(await cardLinks.allInnerTexts()).toEqual(firstPage);

  const firstTitle = firstPage[0] ?? '';
  await cardLinks.first().click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1, name: firstTitle })).toBeVisible();
  await expect(page).toHaveTitle(`${firstTitle} · Bazaar`);
  // The buy button is there, named for what it does now (adding, choosing, or sold out).
  await expect(
    page.getByRole('button', { name: /^(Add to cart|Choose an option|Sold out)$/ }),
  ).toBeVisible();
  await expect(page.getByRole('img').first()).toBeVisible();
});

const priceText = (v: Variant) => (v.price ? formatMoney(v.price) : 'no price');

/** Two variants of one product that a shopper can tell apart by price or stock. */
function distinguishable(product: ProductDetail): [Variant, Variant] | null {
  const label = (v: Variant) => `${priceText(v)}|${stockLabel(v.stock, v.lowStock)}`;
  const first = product.variants.find((v) => v.stock > 0) ?? product.variants[0];
  if (!first) return null;
  const other = product.variants.find((v) => label(v) !== label(first));
  return other ? [first, other] : null;
}

test('variant picker updates price and stock', async ({ page, request }) => {
  // Find a multi-option product (Size × Colour in the demo) whose variants differ visibly.
  let found: { product: ProductDetail; pair: [Variant, Variant] } | undefined;
  for (const summary of await allProducts(request)) {
    if (summary.priceMin.amount === summary.priceMax.amount && !summary.inStock) continue;
    const product = await productBySlug(request, summary.slug);
    if (product.options.length < 2) continue;
    const pair = distinguishable(product);
    if (pair) {
      found = { product, pair };
      break;
    }
  }
  expect(found, 'a multi-option product with distinguishable variants').toBeDefined();
  if (!found) return;
  const { product, pair } = found;
  const [initial, target] = pair;

  await page.goto(`/p/${product.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: product.title })).toBeVisible();
  for (const option of product.options) {
    await expect(page.getByRole('group', { name: new RegExp(`^${option.name}`) })).toBeVisible();
  }

  const price = page.getByTestId('price');
  const stock = page.getByTestId('stock-status');
  await expect(price).toHaveText(priceText(initial));
  await expect(stock).toHaveText(stockLabel(initial.stock, initial.lowStock));

  // Options narrow in order, so choose the target's values from the first option down.
  for (const option of product.options) {
    const value = target.options[option.name];
    if (value === undefined) continue;
    const group = page.getByRole('group', { name: new RegExp(`^${option.name}`) });
    const radio = group.getByRole('radio', { name: value, exact: false }).first();
    await radio.check();
    await expect(radio).toBeChecked();
  }

  await expect(price).toHaveText(priceText(target));
  await expect(stock).toHaveText(stockLabel(target.stock, target.lowStock));
  await expect(page.getByText(target.sku, { exact: true })).toBeVisible();
});

test('unknown product and unknown path render the 404 page with status 404', async ({ page }) => {
  for (const path of ['/p/this-product-does-not-exist', '/no/such/page', '/c/no-such-category']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(
      page.getByRole('heading', { level: 1, name: /couldn’t find that page/ }),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the shop' })).toHaveAttribute('href', '/');
  }
});
