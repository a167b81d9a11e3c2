import type { Page } from '@playwright/test';
import { formatMoney } from '../src/lib/money';
import { allProducts, productBySlug, STRONG_PASSWORD, signUpCustomer, uniqueEmail } from './api';
import { pickVariant } from './shop';
import { expect, test } from './test';

/** A demo product and one of its variants with at least `stock` units and a euro price. */
async function inStockVariant(request: Parameters<typeof allProducts>[0], stock: number, skip = 0) {
  const candidates = (await allProducts(request)).filter((p) => p.inStock);
  let seen = 0;
  for (const summary of candidates) {
    const product = await productBySlug(request, summary.slug);
    const variant = product.variants.find((v) => v.stock >= stock && v.price);
    if (variant?.price && seen++ >= skip) return { product, variant, price: variant.price };
  }
  throw new Error(`no demo variant with ${stock} in stock`);
}

/** Opens the product page and picks the variant. */
async function openVariant(page: Page, item: Awaited<ReturnType<typeof inStockVariant>>) {
  await page.goto(`/p/${item.product.slug}`);
  await pickVariant(page, item.product, item.variant);
}

const cartLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Cart,/ });

test('a guest adds to the cart, sees the count, changes the quantity and empties the cart', async ({
  page,
  request,
}) => {
  const item = await inStockVariant(request, 3);
  await openVariant(page, item);
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 0 items');
  await page.getByLabel('Quantity').selectOption('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to your cart.' })).toBeVisible();
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 2 items');
  await page.getByLabel('Quantity').selectOption('1');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 3 items');
  await page.screenshot({ path: test.info().outputPath('product-added.png') });

  await page.getByRole('link', { name: 'View cart' }).click();
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  const line = page.getByTestId('cart-line');
  await expect(line).toHaveCount(1);
  await expect(line).toContainText(item.product.title);
  await expect(line).toContainText(item.variant.sku);
  const price = item.price;
  await expect(page.getByTestId('cart-subtotal')).toHaveText(
    formatMoney({ ...price, amount: price.amount * 3 }),
  );
  await page.screenshot({ path: test.info().outputPath('cart.png'), fullPage: true });

  await line.getByLabel('Quantity').selectOption('1');
  await expect(page.getByTestId('cart-subtotal')).toHaveText(formatMoney(price));
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 1 item');
  // Still there after a reload: the cart lives on the server, named by the cookie.
  await page.reload();
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
  await page.getByRole('button', { name: `Remove ${item.product.title}` }).click();
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 0 items');
});

test('signing in brings the guest cart into the account and says so', async ({
  page,
  request,
  baseURL,
}) => {
  const email = uniqueEmail('cart');
  await signUpCustomer(baseURL ?? '', { name: 'Carla Cart', email, password: STRONG_PASSWORD });
  const item = await inStockVariant(request, 1, 1);
  await openVariant(page, item);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 1 item');

  await page.getByRole('banner').getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Back where the shopper was, signed in (refreshing the cart never holds up the navigation).
  await expect(page).toHaveURL(new RegExp(`/p/${item.product.slug}$`));
  await expect(page.getByRole('banner').getByText('Carla Cart')).toBeAttached();
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 1 item');

  await cartLink(page).click();
  await expect(page.getByTestId('cart-line')).toContainText(item.product.title);
  const notice = page.getByRole('status').filter({ hasText: 'before signing in' });
  await expect(notice).toContainText('The 1 item you added before signing in is in your cart now.');
  await page.screenshot({ path: test.info().outputPath('merged-cart.png'), fullPage: true });
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('before signing in')).toHaveCount(0);
  await expect(page.getByTestId('cart-line')).toHaveCount(1);
});
