import type { Locator, Page } from '@playwright/test';
import { PHONE } from './shop';
import { expect, test } from './test';

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element is not rendered');
  return b;
}

/** The first two cards of a product grid sit side by side, each a readable card. */
async function expectTwoPerRow(page: Page, grid: Locator) {
  const cards = grid.getByRole('listitem');
  await expect(cards.nth(1)).toBeVisible();
  const [first, second] = [await box(cards.nth(0)), await box(cards.nth(1))];
  expect(Math.abs(first.y - second.y), 'both cards start on one row').toBeLessThan(1);
  expect(second.x, 'the second card is right of the first').toBeGreaterThanOrEqual(
    first.x + first.width,
  );
  expect(second.x + second.width).toBeLessThanOrEqual(PHONE.width);
  expect(first.width).toBeGreaterThan(140);

  const card = cards.first();
  const image = await box(card.getByRole('img').first());
  expect(Math.abs(image.width - image.height), 'square picture').toBeLessThan(2);
  await expect(card.getByRole('heading', { level: 3 })).toHaveCSS('-webkit-line-clamp', '2');
  const price = card.getByText(/€\d/).first();
  await expect(price).toBeVisible();
  expect((await box(price)).x + (await box(price)).width).toBeLessThanOrEqual(
    first.x + first.width + 1,
  );
  // Nothing sticks out sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    PHONE.width,
  );
}

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('product grids show two cards per row', async ({ page }) => {
    await page.goto('/');
    await expectTwoPerRow(page, page.getByRole('list', { name: 'New arrivals' }));

    await page.goto('/c/apparel');
    await expectTwoPerRow(page, page.getByRole('list', { name: /products$/ }));
  });

  test('the header category row scrolls sideways and shows that it does', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('banner').getByRole('navigation', { name: 'Categories' });
    const links = nav.getByRole('link');
    await expect(links.first()).toBeVisible();

    const row = await nav.evaluate((el) => {
      const style = getComputedStyle(el);
      return {
        overflows: el.scrollWidth > el.clientWidth,
        overflowX: style.overflowX,
        snap: style.scrollSnapType,
        edges: style.backgroundImage,
      };
    });
    expect(row.overflows, 'six categories do not fit 390 px').toBe(true);
    expect(row.overflowX).toBe('auto');
    expect(row.snap).toMatch(/^x/);
    // The edge shadows that say "there is more".
    expect(row.edges).toContain('radial-gradient');

    // The last category is cut off at first, and reachable by scrolling (no script needed).
    const last = links.last();
    expect((await box(last)).x + (await box(last)).width).toBeGreaterThan(PHONE.width);
    await nav.evaluate((el) => {
      el.scrollLeft = el.scrollWidth;
    });
    await expect(last).toBeInViewport({ ratio: 0.99 });
    const name = (await last.textContent())?.trim() ?? '';
    await last.click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  });
});

test('unknown shop URLs answer 404 inside the shop header and footer', async ({ page }) => {
  for (const path of ['/no-such-page', '/p/unknown-slug', '/c/unknown']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page).toHaveTitle('Page not found · Bazaar');
    await expect(
      page.getByRole('heading', { level: 1, name: /couldn’t find that page/ }),
    ).toBeVisible();
    const header = page.getByRole('banner');
    await expect(header.getByRole('link', { name: 'Bazaar' })).toHaveAttribute('href', '/');
    await expect(header.getByTestId('cart-link')).toBeVisible();
    await expect(header.getByRole('navigation', { name: 'Categories' })).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to the shop' })).toHaveAttribute('href', '/');
    await expect(page.getByRole('link', { name: 'Browse categories' })).toBeVisible();
  }
});

test('unknown admin URLs keep the plain 404', async ({ page }) => {
  const response = await page.goto('/admin/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle('Page not found · Bazaar Admin');
  await expect(
    page.getByRole('heading', { level: 1, name: /couldn’t find that page/ }),
  ).toBeVisible();
  await expect(page.getByTestId('cart-link')).toHaveCount(0);
});

test('the brand fonts load from this origin', async ({ page, baseURL }) => {
  const fontUrls: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'font') fontUrls.push(request.url());
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  // A first visit's first page paints in the fallbacks, and fetches the fonts after that paint.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveClass(/\bfonts-later\b/);
  await expect(page.locator('body')).toHaveCSS('font-family', /^"?inter Fallback"?,/i);
  await expect(page.locator('html')).toHaveAttribute('data-fonts-ready', '');
  // They come in at the next page.
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/c\//);
  await expect(page.locator('html')).not.toHaveClass(/\bfonts-later\b/);
  await expect(page.locator('body')).toHaveCSS('font-family', /^"?inter"?,/i);
  // And at once on every later page load.
  await page.goto('/');
  await expect(page.locator('html')).not.toHaveClass(/\bfonts-later\b/);
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return {
      fraunces: document.fonts.check('1em Fraunces'),
      inter: document.fonts.check('1em Inter'),
      // check() is also true for a family no @font-face declares; these need the real faces.
      loaded: [...document.fonts]
        .filter((face) => face.status === 'loaded')
        .map((face) => face.family.replace(/["']/g, '')),
    };
  });
  expect(fonts.fraunces).toBe(true);
  expect(fonts.inter).toBe(true);
  expect(fonts.loaded.map((family) => family.toLowerCase())).toEqual(
    expect.arrayContaining(['fraunces', 'inter']),
  );

  expect(fontUrls.length).toBeGreaterThan(0);
  for (const url of fontUrls) expect(url.startsWith(`${baseURL}/`), url).toBe(true);
  expect(violations).toEqual([]);
  // Font family names match case-insensitively; next/font may write them in lower case.
  await expect(page.getByRole('heading', { level: 1 })).toHaveCSS('font-family', /^"?fraunces"?,/i);
  await expect(page.locator('body')).toHaveCSS('font-family', /^"?inter"?,/i);
});
