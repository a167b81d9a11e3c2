import type { ProductDetail } from '@bazaar/contracts';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { allProducts, productBySlug, STRONG_PASSWORD, uniqueEmail } from './api';
import { PHONE, pickVariant } from './shop';
import { DEMO_OWNER, mutation, signIn, signUp } from './staff-api';
import { expect, test } from './test';

/** The storefront checkout, the confirmation, the customer's orders and the guest lookup. */

interface Item {
  product: ProductDetail;
  variant: ProductDetail['variants'][number];
}

/**
 * Demo variants with a euro price and at least `stock` units, each of a different product, taken
 * from the end of the catalog: the cart and admin-orders tests buy from its first page at the same
 * time, and the stock checks here must not see their reservations.
 */
async function inStockItems(
  request: APIRequestContext,
  { count, stock, skip }: { count: number; stock: number; skip: number },
): Promise<Item[]> {
  const products = (await allProducts(request)).filter((p) => p.inStock).reverse();
  const found: Item[] = [];
  let seen = 0;
  for (const summary of products) {
    const product = await productBySlug(request, summary.slug);
    const variant = product.variants.find((v) => v.stock >= stock && v.price?.currency === 'EUR');
    if (!variant || seen++ < skip) continue;
    found.push({ product, variant });
    if (found.length === count) return found;
  }
  throw new Error(`not ${count} demo products with ${stock} in stock after skipping ${skip}`);
}

async function addToCart(page: Page, item: Item, quantity = 1) {
  await page.goto(`/p/${item.product.slug}`);
  await pickVariant(page, item.product, item.variant);
  if (quantity > 1) await page.getByLabel('Quantity').selectOption(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added to your cart.' })).toBeVisible();
}

const cartLink = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Cart,/ });
const step = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(name) });
const currentStep = (page: Page) =>
  page.getByRole('navigation', { name: 'Checkout progress' }).locator('[aria-current="step"]');

/** Steps 2 to 4 for a new address in `country`, paying with `card`. */
async function fillAddressShippingAndCard(
  page: Page,
  { name, country, card }: { name: string; country: string; card: string },
) {
  await expect(currentStep(page)).toContainText('Shipping address');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Street address').fill('Lindenstraße 12');
  await page.getByLabel('Postal code').fill('10115');
  await page.getByLabel('City').fill('Berlin');
  await page.getByLabel('Country').selectOption(country);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(currentStep(page)).toContainText('Shipping method');
  const methods = step(page, 'Shipping method');
  await expect(methods.getByRole('radio', { name: /Standard/ })).toBeChecked();
  await expect(methods.getByRole('radio', { name: /Express/ })).not.toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(currentStep(page)).toContainText('Payment');
  await page.getByLabel('Card number').fill(card);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(currentStep(page)).toContainText('Review');
}

async function ownerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const state = await signIn(page.request, DEMO_OWNER);
  expect(state.status).toBe('signed-in');
  return page;
}

test('a guest checks out two products, staff ship the order, the guest follows it', async ({
  page,
  request,
  browser,
}) => {
  test.slow();
  const [first, second] = (await inStockItems(request, { count: 2, stock: 3, skip: 0 })) as [
    Item,
    Item,
  ];
  const email = uniqueEmail('guest-checkout');
  await addToCart(page, first);
  await addToCart(page, second, 2);
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 3 items');

  await cartLink(page).click();
  await page.getByRole('link', { name: 'Checkout', exact: true }).click();
  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Checkout' })).toBeVisible();

  // 1. Contact: checked before moving on.
  await expect(currentStep(page)).toContainText('Contact');
  await expect(page.getByRole('link', { name: 'Sign in' }).last()).toHaveAttribute(
    'href',
    '/sign-in?next=%2Fcheckout',
  );
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Continue' }).click();

  // 2. Address: a missing street is a field error.
  await expect(currentStep(page)).toContainText('Shipping address');
  await page.getByLabel('Full name').fill('Greta Gast');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Street address')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Enter the street address')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('checkout-address.png'), fullPage: true });
  await fillAddressShippingAndCard(page, {
    name: 'Greta Gast',
    country: 'DE',
    card: '4242 4242 4242 4242',
  });

  // Done steps can be edited: back to the contact step, and straight back to the review.
  await step(page, 'Contact').getByRole('button', { name: 'Edit contact' }).click();
  await expect(currentStep(page)).toContainText('Contact');
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(currentStep(page)).toContainText('Review');

  // 5. Review: every amount from the quote; a bad code is a field error, a good one applies.
  const review = step(page, 'Review');
  await expect(review.getByTestId('order-item')).toHaveCount(2);
  await expect(review.getByRole('list', { name: 'Items in your order' })).toContainText(
    first.product.title,
  );
  await expect(review.getByTestId('tax')).toBeVisible();
  await expect(review.getByText(/VAT 19% \(included\)/)).toBeVisible();
  await review.getByLabel('Discount code').fill('NOT-A-CODE');
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review.getByLabel('Discount code')).toHaveAttribute('aria-invalid', 'true');
  await expect(review.getByTestId('discount')).toHaveCount(0);
  await review.getByLabel('Discount code').fill('WELCOME10');
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review.getByText('Discount code WELCOME10 applied.')).toBeVisible();
  await expect(review.getByTestId('discount')).toContainText('−€');
  const total = (await review.getByTestId('total').textContent()) ?? '';
  expect(total).toMatch(/^€\d/);
  await page.screenshot({ path: test.info().outputPath('checkout-review.png'), fullPage: true });

  await review.getByRole('button', { name: 'Place order' }).click();
  await expect(page).toHaveURL(/\/checkout\/complete\?order=[0-9a-f-]{36}&secret=/);
  const thanks = page.getByRole('heading', { level: 1, name: /^Thank you — order #\d+$/ });
  await expect(thanks).toBeVisible({ timeout: 30_000 });
  const number = Number(((await thanks.textContent()) ?? '').replace(/\D+/g, ''));
  const view = page.getByTestId('order-view');
  await expect(view.getByTestId('order-status')).toHaveText('Paid');
  await expect(view.getByTestId('total')).toHaveText(total);
  await expect(view.getByTestId('order-item')).toHaveCount(2);
  await expect(view).toContainText('Lindenstraße 12');
  await expect(page.getByText(email).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Find your order' }).first()).toBeVisible();
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 0 items');
  await page.screenshot({ path: test.info().outputPath('complete-desktop.png'), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: test.info().outputPath('complete-phone.png'), fullPage: true });

  // The confirmation's URL holds the payment's secret: never sent on, never cached.
  const confirmation = await page.request.get(page.url());
  expect(confirmation.headers()['referrer-policy']).toBe('no-referrer');
  expect(confirmation.headers()['cache-control']).toContain('no-store');

  // Staff ship it.
  const staff = await ownerPage(browser);
  await staff.goto('/admin/orders');
  await staff.getByLabel('Order number or email').fill(`#${number}`);
  await staff.getByLabel('Order number or email').press('Enter');
  await staff.getByRole('link', { name: `#${number}`, exact: true }).click();
  await expect(staff.getByRole('heading', { level: 1, name: `Order #${number}` })).toBeVisible();
  await staff.getByLabel('Carrier').fill('DHL');
  await staff.getByLabel('Tracking number').fill('JJD0099887766');
  await staff.getByRole('button', { name: 'Mark shipped' }).click();
  await expect(staff.getByRole('button', { name: 'Mark shipped' })).toHaveCount(0);
  await staff.context().close();

  // The guest looks it up: a wrong email finds nothing, the right one shows the tracking number.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Find your order' }).click();
  await expect(page).toHaveURL(/\/orders\/lookup$/);
  await page.getByLabel('Order number').fill(String(number));
  await page.getByLabel('Email').fill(uniqueEmail('someone-else'));
  await page.getByRole('button', { name: 'Find order' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'We couldn’t find an order with that number' }),
  ).toHaveText('We couldn’t find an order with that number and email.');
  await page.getByLabel('Email').fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Find order' }).click();
  await expect(page.getByRole('heading', { name: `Order #${number}` })).toBeVisible();
  const found = page.getByTestId('order-view');
  await expect(found.getByTestId('order-status')).toHaveText('Shipped');
  await expect(found.getByTestId('carrier')).toHaveText('DHL');
  await expect(found.getByTestId('tracking-number')).toHaveText('JJD0099887766');
  await expect(found.getByRole('list', { name: 'Order timeline' })).toContainText('Shipped');
  await page.screenshot({ path: test.info().outputPath('lookup.png'), fullPage: true });
});

test('the cart and checkout pages hydrate as the server rendered them: what is typed stays', async ({
  page,
  request,
}) => {
  const [item] = (await inStockItems(request, { count: 1, stock: 1, skip: 6 })) as [Item];
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await addToCart(page, item);
  for (const path of ['/cart', '/checkout']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  // Typed while the page hydrates: a page rendered anew would drop it.
  await page.goto('/checkout', { waitUntil: 'commit' });
  const email = page.getByLabel('Email');
  await email.fill('early@example.com');
  await page.waitForLoadState('networkidle');
  await expect(email).toHaveValue('early@example.com');
  // React's "Hydration failed…" (#418) is what rendering anew announces.
  expect(errors).toEqual([]);
});

test('a declined card says so, puts the stock back, and another card pays', async ({
  page,
  request,
}) => {
  test.slow();
  const [item] = (await inStockItems(request, { count: 1, stock: 3, skip: 2 })) as [Item];
  const stockOf = async () =>
    (await productBySlug(request, item.product.slug)).variants.find((v) => v.id === item.variant.id)
      ?.stock;
  const before = await stockOf();
  await addToCart(page, item, 2);
  await page.goto('/checkout');
  await page.getByLabel('Email').fill(uniqueEmail('declined'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillAddressShippingAndCard(page, {
    name: 'Dora Decline',
    country: 'GB',
    card: '4000 0000 0000 0002',
  });
  const review = step(page, 'Review');
  await review.getByLabel('Discount code').fill('welcome10');
  await review.getByRole('button', { name: 'Apply' }).click();
  await expect(review.getByTestId('discount')).toBeVisible();
  const total = (await review.getByTestId('total').textContent()) ?? '';
  await review.getByRole('button', { name: 'Place order' }).click();

  // Back at the payment step, with the provider's words next to the card field.
  await expect(currentStep(page)).toContainText('Payment');
  const failure = step(page, 'Payment').getByRole('alert').filter({ hasText: 'declined' });
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('Nothing was charged');
  await expect(page).toHaveURL(/\/checkout$/);
  await page.screenshot({ path: test.info().outputPath('declined.png'), fullPage: true });

  // The order was cancelled: its units are for sale again and still in the cart.
  await expect.poll(stockOf).toBe(before);
  await expect(cartLink(page)).toHaveAccessibleName('Cart, 2 items');

  await page.getByLabel('Card number').fill('4242424242424242');
  await page.getByRole('button', { name: 'Continue' }).click();
  // The same total: the cancelled order gave its use of the one-per-customer code back.
  await expect(step(page, 'Review').getByTestId('discount')).toBeVisible();
  await expect(step(page, 'Review').getByTestId('total')).toHaveText(total);
  await step(page, 'Review').getByRole('button', { name: 'Place order' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: /^Thank you — order #\d+$/ }),
  ).toBeVisible({ timeout: 30_000 });
  await expect.poll(stockOf).toBe((before ?? 0) - 2);
});

test('a payment cut off on its way is picked up after a refresh, without a second order', async ({
  page,
  request,
}) => {
  test.slow();
  const [item] = (await inStockItems(request, { count: 1, stock: 2, skip: 4 })) as [Item];
  await addToCart(page, item);
  await page.goto('/checkout');
  await page.getByLabel('Email').fill(uniqueEmail('cut-off'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await fillAddressShippingAndCard(page, {
    name: 'Rita Retry',
    country: 'AT',
    card: '4242 4242 4242 4242',
  });

  // The order is placed, but the card form's request never arrives.
  await page.route('**/trpc/checkout.confirmTestPayment**', (route) => route.abort());
  await step(page, 'Review').getByRole('button', { name: 'Place order' }).click();
  const cutOff = step(page, 'Review')
    .getByRole('alert')
    .filter({ hasText: /Order #\d+ is placed and waits for its payment/ });
  await expect(cutOff).toBeVisible();
  const number = Number(/#(\d+)/.exec((await cutOff.textContent()) ?? '')?.[1]);
  await page.unroute('**/trpc/checkout.confirmTestPayment**');

  // A refresh: the cart is closed, but this tab knows the order and pays for it.
  await page.reload();
  await expect(
    page.getByRole('heading', { name: `Finish paying for order #${number}` }),
  ).toBeVisible();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Pay €/ }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `Thank you — order #${number}` }),
  ).toBeVisible({ timeout: 30_000 });
});

test('a signed-in customer checks out with the default address and finds the order in the account', async ({
  page,
  request,
}) => {
  test.slow();
  const [item] = (await inStockItems(request, { count: 1, stock: 2, skip: 3 })) as [Item];
  const email = uniqueEmail('customer-checkout');
  await signUp(page.request, { name: 'Cora Customer', email, password: STRONG_PASSWORD });
  for (const [line1, isDefault] of [
    ['Old Road 1', false],
    ['Default Lane 7', true],
  ] as const) {
    await mutation(page.request, 'account.addresses.create', {
      fullName: 'Cora Customer',
      line1,
      city: 'Amsterdam',
      postalCode: '1011 AB',
      country: 'NL',
      isDefault,
    });
  }
  await addToCart(page, item);
  await page.goto('/checkout');

  await expect(page.getByLabel('Email')).toHaveValue(email);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('radio', { name: /Default Lane 7/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Old Road 1/ })).not.toBeChecked();
  await expect(page.getByLabel('Street address')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('saved-addresses.png'), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: test.info().outputPath('checkout-phone.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(step(page, 'Shipping address')).toContainText('Default Lane 7');
  await step(page, 'Review').getByRole('button', { name: 'Place order' }).click();
  const thanks = page.getByRole('heading', { level: 1, name: /^Thank you — order #\d+$/ });
  await expect(thanks).toBeVisible({ timeout: 30_000 });
  const number = Number(((await thanks.textContent()) ?? '').replace(/\D+/g, ''));

  await page.getByRole('link', { name: 'See this order in your account' }).click();
  await expect(page).toHaveURL(new RegExp(`/account/orders/${number}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Order #${number}` })).toBeVisible();
  await expect(page.getByTestId('order-view')).toContainText('Default Lane 7');
  await expect(page.getByRole('list', { name: 'Order timeline' })).toContainText('Order placed');

  const nav = page.getByRole('navigation', { name: 'Account' });
  await expect(nav.getByRole('link', { name: 'Orders' })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  const orders = page.getByRole('list', { name: 'Orders' });
  await expect(orders.getByRole('listitem')).toHaveCount(1);
  await expect(orders).toContainText(`Order #${number}`);
  await expect(orders).toContainText('1 item');
  await page.screenshot({ path: test.info().outputPath('account-orders.png'), fullPage: true });

  // Someone else's order (or none) is the not-found page.
  const missing = await page.goto(`/account/orders/${number + 100_000}`);
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'We couldn’t find that page' })).toBeVisible();
});

test('an empty cart sends the shopper from the checkout back to the cart', async ({ page }) => {
  await page.goto('/checkout');
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByText('Your cart is empty.')).toBeVisible();
});
