import { request } from '@playwright/test';
import { allProducts, productBySlug } from './api';
import { DEMO_OWNER, mutation, query, signIn } from './staff-api';
import { expect, test } from './test';

/** Staff set up shipping, tax and a discount code in the admin; the next checkout quote uses them. */

interface Quote {
  shippingOptions: { id: string; name: string; price: { amount: number } }[];
  discount: { code: string } | null;
  tax: { name: string; rateBps: number };
}

test('staff configure shipping, tax and a discount code; the shopper’s quote uses them', async ({
  browser,
  baseURL,
}) => {
  test.slow();
  const context = await browser.newContext();
  const page = await context.newPage();
  expect((await signIn(page.request, DEMO_OWNER)).status).toBe('signed-in');
  const run = Date.now().toString(36).toUpperCase();

  // Shipping: a courier to Iceland, in euro only; an amount that is not one is caught first.
  await page.goto('/admin/shipping');
  await expect(page.getByRole('heading', { level: 1, name: 'Shipping' })).toBeVisible();
  const add = page.getByRole('form', { name: 'Add a shipping method' });
  const courier = `Glacier Courier ${run}`;
  await add.getByLabel('Name').fill(courier);
  await add.getByLabel('Ships to').fill('is');
  await add.getByLabel('Rate in EUR').fill('3,50');
  await add.getByLabel('Free from (EUR)').fill('500');
  await add.getByLabel('Rate in USD').fill('three');
  await add.getByRole('button', { name: 'Add method' }).click();
  await expect(add.getByLabel('Rate in USD')).toHaveAttribute('aria-invalid', 'true');
  await add.getByLabel('Rate in USD').fill('');
  await add.getByRole('button', { name: 'Add method' }).click();
  await expect(page.getByRole('status')).toHaveText(`${courier} added.`);
  const row = page.getByRole('list', { name: 'Shipping methods' }).getByRole('listitem').filter({
    hasText: courier,
  });
  await expect(row).toContainText('Ships to Iceland');
  await expect(row).toContainText('€3.50, free from €500.00');
  await expect(row).toContainText('Not offered in USD, GBP');

  // Tax: a region of Iceland of this run's own; the same destination again is a field error.
  const region = `R${run}`;
  await page.goto('/admin/tax');
  const taxForm = page.getByRole('form', { name: 'Add a tax rate' });
  await taxForm.getByLabel('Country').fill('IS');
  await taxForm.getByLabel('Region').fill(region);
  await taxForm.getByLabel('Rate (%)').fill('24');
  await taxForm.getByLabel('Name on receipts').fill('VSK');
  await taxForm.getByRole('button', { name: 'Add rate' }).click();
  await expect(page.getByRole('status')).toHaveText(`Iceland, ${region}: 24% saved.`);
  await taxForm.getByLabel('Country').fill('IS');
  await taxForm.getByLabel('Region').fill(region);
  await taxForm.getByLabel('Rate (%)').fill('11');
  await taxForm.getByRole('button', { name: 'Add rate' }).click();
  await expect(taxForm.getByLabel('Region')).toHaveAttribute('aria-invalid', 'true');
  await expect(taxForm).toContainText(`IS ${region} already has a tax rate: edit that one`);

  // A discount code, typed in lower case.
  const code = `E2E-${run}`;
  await page.goto('/admin/discounts');
  const discountForm = page.getByRole('form', { name: 'Create a discount code' });
  await discountForm.getByLabel('Code').fill(code.toLowerCase());
  await discountForm.getByLabel('Percent off').fill('15');
  await discountForm.getByRole('button', { name: 'Create code' }).click();
  await expect(page.getByRole('status')).toHaveText(`${code} created.`);
  await expect(
    page.getByRole('list', { name: 'Discount codes' }).getByRole('listitem').filter({
      hasText: code,
    }),
  ).toContainText('15% off');

  // A shopper's quote to that region of Iceland.
  const shopper = await request.newContext({ baseURL: baseURL as string });
  let variantId: string | undefined;
  for (const product of await allProducts(shopper)) {
    const detail = await productBySlug(shopper, product.slug, 'EUR');
    variantId = detail.variants.find((v) => v.stock > 2 && v.price)?.id;
    if (variantId) break;
  }
  await mutation(shopper, 'cart.add', { variantId, quantity: 1 });
  const quote = await query<Quote>(shopper, 'checkout.quote', {
    currency: 'EUR',
    country: 'IS',
    region,
    discountCode: code.toLowerCase(),
  });
  expect(quote.shippingOptions.map((o) => o.name)).toContain(courier);
  expect(quote.tax).toMatchObject({ name: 'VSK', rateBps: 2400 });
  expect(quote.discount?.code).toBe(code);
  await shopper.dispose();
  await context.close();
});
