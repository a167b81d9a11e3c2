import type { APIRequestContext, APIResponse, Browser, Page } from '@playwright/test';
import { allProducts, mutate, productBySlug } from './api';
import { PHONE, pickVariant } from './shop';
import { DEMO_OWNER, signIn } from './staff-api';
import { expect, test } from './test';

/**
 * The web server's page cache (src/server/page-cache.ts) and the pages' Cache-Control. The
 * `x-page-cache` header says how a page was answered: HIT/STALE/MISS from the cache, BYPASS or
 * PASS by Next.js.
 */

const FROM_CACHE = ['HIT', 'STALE', 'MISS'];
const nonceOf = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1];

/** A category and an in-stock product of the demo catalog, found through the API. */
async function demoPages(request: APIRequestContext) {
  const product = (await allProducts(request)).find((p) => p.inStock);
  if (!product) throw new Error('no product in stock');
  const detail = await productBySlug(request, product.slug);
  const variant = detail.variants.find((v) => v.stock > 0 && v.price !== null);
  if (!variant) throw new Error(`no variant of ${product.slug} in stock`);
  return { category: `/c/${product.category.slug}`, product: `/p/${product.slug}`, variant };
}

/** Console messages about the Content Security Policy (a script it blocked). */
function cspErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}

test('anonymous visitors share cached pages, each copy with a nonce of its own', async ({
  request,
  page,
}) => {
  const { category, product } = await demoPages(request);
  for (const path of ['/', category, product]) {
    await request.get(path);
    const [a, b] = [await request.get(path), await request.get(path)];
    expect(FROM_CACHE, path).toContain(a.headers()['x-page-cache']);
    expect(FROM_CACHE, path).toContain(b.headers()['x-page-cache']);
    const [nonceA, nonceB] = [a, b].map((r) => nonceOf(r.headers()['content-security-policy']));
    expect(nonceA).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceA).not.toBe(nonceB);
    const [htmlA, htmlB] = [await a.text(), await b.text()];
    expect(htmlA).toContain(`nonce="${nonceA}"`);
    expect(htmlA).not.toContain(nonceB);
    expect(htmlB).toContain(`nonce="${nonceB}"`);
    // The same page otherwise.
    expect(htmlA.replaceAll(nonceA ?? '', '')).toBe(htmlB.replaceAll(nonceB ?? '', ''));
  }

  // In a browser the cached copies' scripts run: the page hydrates and reacts.
  const errors = cspErrors(page);
  const answers: string[] = [];
  page.on('response', (res) => {
    if (res.request().isNavigationRequest()) answers.push(res.headers()['x-page-cache'] ?? '');
  });
  await page.goto('/');
  await page.goto(category);
  await page.goto(product);
  expect(answers.every((state) => FROM_CACHE.includes(state))).toBe(true);
  await page.getByRole('button', { name: 'Add to cart' }).click();
  // Next.js's scripts were asked for only once the page had painted (src/server/scripts-after-paint.ts).
  const timing = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
    scripts: performance
      .getEntriesByType('resource')
      .filter((entry) => /\/_next\/static\/.+\.js$/.test(entry.name))
      .map((entry) => entry.startTime),
  }));
  expect(timing.paint).toBeGreaterThan(0);
  expect(timing.scripts.length).toBeGreaterThan(3);
  for (const start of timing.scripts) expect(start).toBeGreaterThanOrEqual(timing.paint ?? 0);
  await expect(page.getByTestId('cart-count')).toHaveText('1');
  await page.screenshot({ path: test.info().outputPath('cached-product-page.png') });
  expect(errors).toEqual([]);
});

/** Holds every Next.js script of the page until `release` (the page paints, but does not hydrate). */
async function holdScripts(page: Page) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_next\/static\/.+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

test("what a shopper picks or types before the page's script runs is what the page acts on", async ({
  page,
  request,
}) => {
  // A product with two buyable variants that differ in an option; the second is picked.
  let chosen: { slug: string; product: Awaited<ReturnType<typeof productBySlug>> } | undefined;
  for (const summary of await allProducts(request)) {
    const product = await productBySlug(request, summary.slug);
    const buyable = product.variants.filter((v) => v.stock >= 2 && v.price !== null);
    if (product.options.length > 0 && buyable.length >= 2) {
      chosen = { slug: summary.slug, product };
      break;
    }
  }
  if (!chosen) throw new Error('no product with two buyable variants');
  const { slug, product } = chosen;
  const buyable = product.variants.filter((v) => v.stock >= 2 && v.price !== null);
  const variant = buyable.at(-1) as (typeof buyable)[number];

  const release = await holdScripts(page);
  // Not until `load`: scripts the loader adds before it (held here) hold the load event back.
  await page.goto(`/p/${slug}`, { waitUntil: 'domcontentloaded' });
  const add = page.getByRole('button', { name: 'Add to cart' });
  await expect(add).toBeDisabled();
  await pickVariant(page, product, variant);
  await page.getByLabel('Quantity').selectOption('2');
  release();
  await expect(add).toBeEnabled();
  await add.click();
  await expect(page.getByTestId('cart-count')).toHaveText('2');
  await page.goto('/cart');
  for (const value of Object.values(variant.options)) {
    await expect(page.getByRole('main')).toContainText(value);
  }

  // Words typed into the search box before hydration are searched for after it.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  const releaseHome = await holdScripts(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const search = page.getByRole('combobox', { name: 'Search products' }).first();
  await search.fill('jacket');
  releaseHome();
  await expect(page.getByRole('link', { name: /^Cart,/ })).toBeVisible();
  await page.waitForFunction(
    () => document.querySelectorAll('script[src*="/_next/static/"]').length > 3,
  );
  await page.waitForLoadState('networkidle');
  // Still in the field: the words' suggestions show, as they would had the script been there.
  await expect(
    page.getByRole('listbox', { name: 'Search suggestions' }).getByRole('option').first(),
  ).toBeVisible();
  await search.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=jacket/);
  await expect(search).toHaveValue('jacket');
});

test('a currency chosen before the page has hydrated is the one its prices change to', async ({
  page,
}) => {
  const release = await holdScripts(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const switcher = page.getByRole('combobox', { name: 'Currency' });
  await expect(switcher).toHaveValue('EUR');
  const prices = page.getByRole('list', { name: 'New arrivals' }).getByTestId('price');
  await expect(prices.first()).toContainText('€');
  await switcher.selectOption('USD');
  release();
  await expect(prices.first()).toContainText('$');
  expect((await prices.allInnerTexts()).every((p) => p.includes('$'))).toBe(true);
  await expect(switcher).toHaveValue('USD');
  await expect(page).toHaveURL(/\/$/);
  // The choice is the shop's, kept for the next page (the cookie), not just the select's.
  await page.goto('/c/apparel');
  await expect(page.getByRole('combobox', { name: 'Currency' })).toHaveValue('USD');
});

test('on a phone, the header search opens and searches before the page has hydrated', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  const release = await holdScripts(page);
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const open = page.getByRole('banner').getByRole('button', { name: 'Open search' });
  const box = page.getByRole('combobox', { name: 'Search products' });
  await expect(box).toBeHidden();
  await open.click();
  await expect(box).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(box).toBeHidden();
  await open.click();
  await box.fill('jacket');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=jacket$/);
  await expect(
    page
      .getByRole('main')
      .getByRole('link', { name: /Jacket/ })
      .first(),
  ).toBeVisible();
  release();
});

/** The page as cached: the nonce taken out (each copy has its own). */
async function cachedHtml(res: APIResponse) {
  expect(FROM_CACHE).toContain(res.headers()['x-page-cache']);
  const nonce = nonceOf(res.headers()['content-security-policy']) ?? '';
  return (await res.text()).replaceAll(nonce, '');
}

test('a guest with a cart is served cached pages and sees their own count, which no page holds', async ({
  browser,
  request,
}) => {
  // Three browser contexts and many page loads, on a machine other suites keep busy.
  test.slow();
  const { product, variant } = await demoPages(request);
  expect(variant.stock).toBeGreaterThanOrEqual(3);
  const guest = await (await browser.newContext()).newPage();
  // The count arrives after hydration, which must match the server's HTML (no count) first.
  const hydrationErrors: string[] = [];
  guest.on('pageerror', (error) => hydrationErrors.push(error.message));
  guest.on('console', (message) => {
    if (/hydrat|Minified React error/i.test(message.text())) hydrationErrors.push(message.text());
  });
  await guest.goto(product);
  await mutate(guest.request, 'cart.add', { variantId: variant.id, quantity: 2, currency: 'EUR' });
  const cookies = await guest.context().cookies();
  expect(cookies.find((c) => c.name.endsWith('bazaar_cart'))?.httpOnly).toBe(true);

  const mine = await guest.goto('/');
  expect(FROM_CACHE).toContain(mine?.headers()['x-page-cache']);
  expect(mine?.headers()['cache-control']).toBe('private, no-cache');
  await expect(guest.getByTestId('cart-count')).toHaveText('2');
  await expect(guest.getByRole('link', { name: 'Cart, 2 items' })).toBeVisible();

  // Another guest, with a cart of their own: the same cached pages, their own count.
  const other = await (await browser.newContext()).newPage();
  await mutate(other.request, 'cart.add', { variantId: variant.id, quantity: 1, currency: 'EUR' });
  const theirs = await other.goto('/');
  expect(FROM_CACHE).toContain(theirs?.headers()['x-page-cache']);
  await expect(other.getByRole('link', { name: 'Cart, 1 item' })).toBeVisible();
  await expect(other.getByTestId('cart-count')).toHaveText('1');

  // A visitor without a cart: an empty one, and no badge.
  const anonymous = await (await browser.newContext()).newPage();
  expect(FROM_CACHE).toContain((await anonymous.goto('/'))?.headers()['x-page-cache']);
  await expect(anonymous.getByRole('link', { name: 'Cart, 0 items' })).toBeVisible();
  await expect(anonymous.getByTestId('cart-count')).toHaveCount(0);

  // No count is in the HTML: each guest gets exactly what a visitor without cookies gets (the
  // same render; retried in case one falls between two renders of the page).
  for (const path of ['/', product]) {
    await expect(async () => {
      const [a, b, c] = await Promise.all([
        guest.request.get(path),
        other.request.get(path),
        request.get(path),
      ]);
      const [htmlA, htmlB, htmlC] = await Promise.all([a, b, c].map(cachedHtml));
      expect(htmlA).toBe(htmlC);
      expect(htmlB).toBe(htmlC);
      expect(htmlC).not.toContain('data-testid="cart-count"');
      expect(htmlC).not.toMatch(/Cart, \d+ item/);
    }).toPass({ timeout: 10_000 });
  }

  // Adding on a cached product page updates the count, as it always did.
  expect(FROM_CACHE).toContain((await guest.goto(product))?.headers()['x-page-cache']);
  await expect(guest.getByTestId('cart-count')).toHaveText('2');
  await guest.getByRole('button', { name: 'Add to cart' }).click();
  await expect(guest.getByTestId('cart-count')).toHaveText('3');
  await expect(other.getByTestId('cart-count')).toHaveText('1');
  expect(hydrationErrors).toEqual([]);
  for (const page of [guest, other, anonymous]) await page.context().close();
});

test('a signed-in visitor is never served a cached page, and their pages are no-store', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // Any session: the demo Owner's (sign-ups are rate-limited per address, and the suite signs
  // up many customers from this one).
  expect((await signIn(page.request, DEMO_OWNER)).status).toBe('signed-in');

  for (const path of ['/', '/c/apparel']) {
    // Warm for anonymous visitors first: the shopper must still get their own page.
    await browser.newContext().then(async (anon) => {
      await anon.request.get(path);
      await anon.close();
    });
    const res = await page.goto(path);
    expect(res?.headers()['x-page-cache']).toBe('BYPASS');
    expect(res?.headers()['cache-control']).toContain('no-store');
    await expect(page.getByRole('link', { name: 'Account' })).toBeVisible();
  }
  await context.close();
});

test('public pages may be kept by the browser; private ones are no-store', async ({ request }) => {
  const { category, product } = await demoPages(request);
  for (const path of ['/', category, product, `${category}?cursor=x`]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.headers()['cache-control'], path).toBe('private, no-cache');
  }
  for (const path of [
    '/cart',
    '/checkout',
    '/sign-in',
    '/sign-up',
    '/orders/lookup',
    '/account',
    '/admin/sign-in',
    '/p/no-such-product',
  ]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.headers()['cache-control'], path).toContain('no-store');
    expect(res.headers()['x-page-cache'], path).not.toMatch(/HIT|STALE|MISS/);
  }
});

async function ownerPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  expect((await signIn(page.request, DEMO_OWNER)).status).toBe('signed-in');
  return page;
}

test("a staff member's price change shows on the cached product page within 5 seconds", async ({
  browser,
  request,
}) => {
  test.slow();
  const owner = await ownerPage(browser);
  await owner.goto('/admin/products/new');
  const stamp = Date.now();
  await owner.getByLabel('Title').fill(`Cache Test Mug ${stamp}`);
  await owner.getByLabel('Status').selectOption('active');
  await owner.getByLabel('Category').selectOption({ label: '— Camping' });
  await owner.getByLabel('SKU of Default').fill(`CACHE-MUG-${stamp}`);
  await owner.getByLabel('EUR price of Default').fill('120');
  await owner.getByLabel('On hand of Default').fill('5');
  await owner.getByRole('button', { name: 'Create product' }).first().click();
  await expect(owner).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}\?created=1$/);
  const slug = await owner.getByLabel('Slug').inputValue();

  const price = async () => {
    const res = await request.get(`/p/${slug}`);
    const html = await res.text();
    return { state: res.headers()['x-page-cache'], price: /€\d+\.\d\d/.exec(html)?.[0] };
  };
  await expect.poll(price).toEqual({ state: 'HIT', price: '€120.00' });

  await owner.getByLabel('EUR price of Default').fill('99');
  await owner.getByRole('button', { name: 'Save product' }).first().click();
  await expect(owner.getByText('Saved. It is live in the shop.')).toBeVisible();
  const saved = Date.now();
  await expect
    .poll(async () => (await price()).price, { timeout: 5_000, intervals: [100] })
    .toBe('€99.00');
  expect(Date.now() - saved).toBeLessThan(5_000);
  await owner.context().close();
});

test('back and forward restore public pages from the back/forward cache', async ({
  playwright,
  request,
}) => {
  const { category } = await demoPages(request);
  // Playwright turns the cache off in the browsers it starts; this one keeps it.
  const browser = await playwright.chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    await page.addInitScript(() => {
      addEventListener('pageshow', (event) => {
        (window as unknown as { restored: boolean }).restored = event.persisted;
      });
    });
    const visits = [
      { first: '/', second: category },
      { first: category, second: '/' },
    ];
    // (This Chromium also keeps some `no-store` pages, when no cookie changed, so a `no-store`
    // page cannot serve as the counter-check here; the Cache-Control test above pins the header
    // that other browsers, and Chromium once cookies change, decide by.)
    for (const { first, second } of visits) {
      await page.goto(first);
      // Its scripts are added after the first paint (src/server/scripts-after-paint.ts), often
      // after `load`; a page left while they are still loading has an outstanding request, and
      // Chromium keeps no such page. A shopper who stays a moment gets the cache, as here.
      await page.waitForFunction(() => document.querySelector('script[src*="/_next/static/"]'));
      await page.waitForLoadState('networkidle');
      await page.evaluate(() => {
        (window as unknown as { marker: string }).marker = 'still this document';
      });
      await page.goto(second);
      await page.goBack({ waitUntil: 'commit' });
      await expect(page).toHaveURL(new RegExp(`${first === '/' ? '/$' : first}`));
      await page.waitForFunction(() => 'restored' in window);
      const after = await page.evaluate(() => {
        const w = window as unknown as { marker?: string; restored?: boolean };
        return { marker: w.marker, restored: w.restored };
      });
      expect(after, `${first} after going back from ${second}`).toEqual({
        marker: 'still this document',
        restored: true,
      });
    }
  } finally {
    await browser.close();
  }
});
