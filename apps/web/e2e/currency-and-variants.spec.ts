import { formatMoney } from '../src/lib/money';
import { allProducts, listProducts, productBySlug } from './api';
import { pickVariant } from './shop';
import { expect, test } from './test';

/** What the product model shows a shopper: currencies, sale prices, option order, colour pictures. */

test('the chosen currency is remembered across pages, and listings never mix currencies', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const switcher = page.getByRole('combobox', { name: 'Currency' });
  await expect(switcher).toHaveValue('EUR');
  const firstCard = page.getByRole('list', { name: 'New arrivals' }).getByRole('listitem').first();
  const euro = await listProducts(request, { limit: 8 });
  await expect(firstCard).toContainText(
    formatMoney(euro.items[0]?.priceMin ?? { amount: 0, currency: 'EUR' }),
  );

  await switcher.selectOption('USD');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('combobox', { name: 'Currency' })).toHaveValue('USD');
  const dollars = await listProducts(request, { limit: 8, currency: 'USD' });
  await expect(firstCard).toContainText(
    formatMoney(dollars.items[0]?.priceMin ?? { amount: 0, currency: 'USD' }),
  );
  // Every price on the page is in dollars.
  const prices = await page
    .getByRole('list', { name: 'New arrivals' })
    .getByTestId('price')
    .allInnerTexts();
  const amounts = await page.getByRole('list', { name: 'New arrivals' }).textContent();
  expect(amounts).not.toContain('€');
  expect(prices.every((p) => p.includes('$'))).toBe(true);

  // Another page, later: still dollars (the cookie), and the product page agrees.
  const slug = dollars.items[0]?.slug ?? '';
  await page.goto(`/p/${slug}`);
  await expect(page.getByRole('combobox', { name: 'Currency' })).toHaveValue('USD');
  await expect(page.getByTestId('price').first()).toContainText('$');
});

test('a sale shows the price and the struck-through "was" price', async ({ page, request }) => {
  const onSale = (await allProducts(request)).find((p) => p.compareAt && p.inStock);
  expect(onSale, 'a demo product on sale').toBeDefined();
  if (!onSale?.compareAt) return;
  const product = await productBySlug(request, onSale.slug);
  const variant = product.variants.find((v) => v.compareAtPrice && v.stock > 0);
  if (!variant?.price || !variant.compareAtPrice) throw new Error('no variant on sale');

  await page.goto('/');
  await page.goto(`/p/${onSale.slug}`);
  await pickVariant(page, product, variant);
  await expect(page.getByTestId('price')).toHaveText(formatMoney(variant.price));
  await expect(page.getByTestId('compare-at-price')).toHaveText(
    `was ${formatMoney(variant.compareAtPrice)}`,
  );
});

test('options appear in the order staff chose, and picking a colour shows its pictures', async ({
  page,
}) => {
  // The demo tee lists Colour before Size (the longer name first: only the stored order does that).
  await page.goto('/p/organic-cotton-tee');
  const groups = page.getByRole('group');
  await expect(groups.nth(0)).toHaveAccessibleName(/^Colour/);
  await expect(groups.nth(1)).toHaveAccessibleName(/^Size/);
  await expect(groups.nth(1).getByRole('radio')).toHaveCount(4);
  const sizes = await groups.nth(1).locator('label').allInnerTexts();
  // (Sold-out values carry a screen-reader note after the label.)
  expect(sizes.map((t) => t.replace(/\s*\(.*\)$/, ''))).toEqual(['S', 'M', 'L', 'XL']);

  const mainImage = page.getByRole('img').first();
  for (const colour of ['Oat', 'Navy']) {
    await groups.nth(0).getByRole('radio', { name: colour, exact: false }).check();
    await expect(mainImage).toHaveAttribute(
      'src',
      new RegExp(`organic-cotton-tee-1_${colour.toLowerCase()}\\.svg`),
    );
    await expect(mainImage).toHaveAttribute('alt', `Organic Cotton Tee in ${colour}`);
  }
  // The other colour's picture is not among the thumbnails.
  const thumbnails = page.getByRole('list', { name: 'Product images' }).getByRole('img');
  for (const src of await thumbnails.evaluateAll((imgs) =>
    imgs.map((i) => i.getAttribute('src')),
  )) {
    expect(src).not.toContain('_oat');
  }
});

test('a sold-out value looks unavailable, not like the others', async ({ page, request }) => {
  // A one-option product with one value sold out: that chip is sold out whatever is picked.
  let found: { slug: string; soldOut: string; inStock: string } | undefined;
  for (const summary of await allProducts(request)) {
    if (!summary.inStock) continue;
    const product = await productBySlug(request, summary.slug);
    const option = product.options[0];
    if (product.options.length !== 1 || !option) continue;
    const out = product.variants.find((v) => v.stock === 0);
    const stocked = product.variants.find((v) => v.stock > 0);
    if (out && stocked) {
      found = {
        slug: product.slug,
        soldOut: out.options[option.name] ?? '',
        inStock: stocked.options[option.name] ?? '',
      };
      break;
    }
  }
  expect(found, 'a demo product with a sold-out value').toBeDefined();
  if (!found) return;
  await page.goto(`/p/${found.slug}`);
  const chip = (value: string) =>
    page.locator('label', { hasText: new RegExp(`^${value}`) }).first();
  const style = (value: string) =>
    chip(value).evaluate((el) => {
      const s = getComputedStyle(el);
      return { decoration: s.textDecorationLine, color: s.color };
    });
  const soldOut = await style(found.soldOut);
  const available = await style(found.inStock);
  expect(soldOut.decoration).toBe('line-through');
  expect(available.decoration).toBe('none');
  expect(soldOut.color).not.toBe(available.color);
  await expect(chip(found.soldOut)).toContainText('(out of stock)');
});
