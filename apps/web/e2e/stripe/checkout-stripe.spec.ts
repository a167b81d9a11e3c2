import type { ProductDetail } from '@bazaar/contracts';
import type { APIRequestContext, Page } from '@playwright/test';
import { allProducts, productBySlug, uniqueEmail } from '../api';
import { pickVariant } from '../shop';
import { expect, test } from '../test';
import { routeStripe } from './fake-stripe-js';

/**
 * The checkout of a shop that takes payments with Stripe: the API creates a PaymentIntent for the
 * placed order, the card goes to Stripe from the browser (Stripe.js's stand-in, then the Stripe
 * API stub), and the order is paid through the payer's return (`checkout.paymentResult` asks
 * Stripe). A decline cancels the order and puts the items back.
 */
const STUB = process.env.E2E_STRIPE_STUB_URL ?? 'http://127.0.0.1:12111';

interface Item {
  product: ProductDetail;
  variant: ProductDetail['variants'][number];
}

async function inStockItem(request: APIRequestContext, skip: number): Promise<Item> {
  let seen = 0;
  for (const summary of (await allProducts(request)).filter((p) => p.inStock)) {
    const product = await productBySlug(request, summary.slug);
    const variant = product.variants.find((v) => v.stock >= 3 && v.price?.currency === 'EUR');
    if (variant && seen++ >= skip) return { product, variant };
  }
  throw new Error('no demo product with 3 in stock');
}

const step = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(name) });
const currentStep = (page: Page) =>
  page.getByRole('navigation', { name: 'Checkout progress' }).locator('[aria-current="step"]');

/** Everything up to "Place order", for a guest buying `item`. */
async function checkOutUpTo(page: Page, item: Item, name: string) {
  await page.goto(`/p/${item.product.slug}`);
  await pickVariant(page, item.product, item.variant);
  await page.getByLabel('Quantity').selectOption('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to your cart.' })).toBeVisible();
  await page.goto('/checkout');
  await page.getByLabel('Email').fill(uniqueEmail('stripe'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Street address').fill('Lindenstraße 12');
  await page.getByLabel('Postal code').fill('10115');
  await page.getByLabel('City').fill('Berlin');
  await page.getByLabel('Country').selectOption('DE');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(currentStep(page)).toContainText('Shipping method');
  await page.getByRole('button', { name: 'Continue' }).click();

  // No card field here: with Stripe the card is entered after the order is placed.
  await expect(currentStep(page)).toContainText('Payment');
  await expect(step(page, 'Payment')).toContainText('Stripe');
  await expect(page.getByLabel('Card number')).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(currentStep(page)).toContainText('Review');
  await expect(step(page, 'Review')).toContainText('with Stripe');
}

function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

test.beforeEach(async ({ page }) => {
  await routeStripe(page, STUB);
});

test('a guest pays with Stripe: the card goes to Stripe, the order is paid', async ({
  page,
  request,
}) => {
  test.slow();
  const problems = watchConsole(page);
  const item = await inStockItem(request, 0);
  await checkOutUpTo(page, item, 'Stella Stripe');
  const total = (await step(page, 'Review').getByTestId('total').textContent()) ?? '';
  await step(page, 'Review').getByRole('button', { name: 'Place order' }).click();

  // The order is placed (its cart closed); Stripe's form pays its PaymentIntent.
  await expect(page.getByRole('heading', { name: /^Finish paying for order #\d+$/ })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('link', { name: /^Cart,/ })).toHaveAccessibleName(
    'Cart, 0 items',
  );
  const card = page.getByLabel('Stripe card number');
  await expect(card).toBeVisible();
  const pay = page.getByRole('button', { name: `Pay ${total}` });
  await expect(pay).toBeEnabled();
  await pay.click(); // nothing typed: Stripe's own field message, nothing sent
  await expect
    .poll(() =>
      page.evaluate(() => (window as { __stripeConfirmed?: number }).__stripeConfirmed ?? 0),
    )
    .toBe(0);
  await card.fill('4242 4242 4242 4242');
  await page.screenshot({ path: test.info().outputPath('stripe-form.png'), fullPage: true });
  await pay.click();

  const thanks = page.getByRole('heading', { level: 1, name: /^Thank you — order #\d+$/ });
  await expect(thanks).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('payment-status')).toHaveText('Payment received');
  await page.screenshot({ path: test.info().outputPath('stripe-paid.png'), fullPage: true });
  expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([]);
});

test('a card Stripe declines cancels the order and puts the items back', async ({
  page,
  request,
}) => {
  test.slow();
  const item = await inStockItem(request, 1);
  const stockOf = async () =>
    (await productBySlug(request, item.product.slug)).variants.find((v) => v.id === item.variant.id)
      ?.stock;
  const before = await stockOf();
  await checkOutUpTo(page, item, 'Dora Decline');
  await step(page, 'Review').getByRole('button', { name: 'Place order' }).click();
  await expect(page.getByRole('heading', { name: /^Finish paying for order #\d+$/ })).toBeVisible();
  await expect.poll(stockOf).toBe((before ?? 0) - 2);

  await page.getByLabel('Stripe card number').fill('4000 0000 0000 9995');
  await page.getByRole('button', { name: /^Pay / }).click();

  // Back at the payment step with Stripe's words; the order is cancelled, the stock released.
  await expect(currentStep(page)).toContainText('Payment');
  const failure = step(page, 'Payment').getByRole('alert');
  await expect(failure).toContainText('insufficient funds');
  await expect(failure).toContainText('Nothing was charged');
  await expect.poll(stockOf).toBe(before);
  await expect(page.getByRole('banner').getByRole('link', { name: /^Cart,/ })).toHaveAccessibleName(
    'Cart, 2 items',
  );
});
