import type { Locator, Page } from '@playwright/test';
import { PHONE } from './shop';
import { expect, test } from './test';

// Other specs add products while this one runs (a rain jacket, a mug), so the searches here use
// a word none of them adds ("linen"), and the paging test asserts what keyset paging promises
// (no repeats, the order kept) rather than an exact catalogue.

/** The product grid of the search page. */
const results = (page: Page) => page.getByRole('list', { name: 'Search results' });
const titles = (grid: Locator) => grid.getByRole('heading', { level: 3 }).allInnerTexts();

/** Each card's price in cents: its first amount (the price, or "From" the cheapest variant's). */
async function prices(grid: Locator): Promise<number[]> {
  const texts = await grid.getByRole('listitem').allInnerTexts();
  return texts.map((text) => {
    const amount = /€([\d,]+\.\d{2})/.exec(text)?.[1];
    if (!amount) throw new Error(`no price in ${text}`);
    return Math.round(Number(amount.replace(/,/g, '')) * 100);
  });
}

const ascending = (values: number[]) =>
  values.every((v, i) => i === 0 || (values[i - 1] ?? v) <= v);

/** "5 products" above the results. */
const resultCount = (page: Page) => page.getByRole('main').getByRole('status');

test('search with a typo, refine by a facet, sort by price, back and forward', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('banner').getByRole('combobox', { name: 'Search products' });
  await box.fill('linnen');

  // Suggestions as you type, corrected, with the keyboard.
  const suggestions = page.getByRole('listbox', { name: 'Search suggestions' });
  await expect(suggestions.getByRole('option', { name: /Linen/ }).first()).toBeVisible();
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  await box.press('ArrowDown');
  const first = suggestions.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(box).toHaveAttribute(
    'aria-activedescendant',
    (await first.getAttribute('id')) ?? '',
  );
  await box.press('Escape');
  await expect(suggestions).toBeHidden();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveValue('linnen');

  // Enter searches for the words typed.
  await box.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=linnen$/);
  await expect(page).toHaveTitle('Search results for “linnen” · Bazaar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('“linnen”');
  await expect(page.getByText('Showing results for linen')).toBeVisible();
  await expect(box).toHaveValue('linnen');
  const grid = results(page);
  const found = await titles(grid);
  expect(found.length).toBeGreaterThan(2);
  for (const title of found) expect(title).toMatch(/linen/i);
  await expect(resultCount(page)).toHaveText(`${found.length} products`);

  // Refine by an option value: its count says what ticking it gives.
  const colour = page.getByRole('group', { name: 'Colour' });
  const natural = colour.getByRole('checkbox', { name: /^Natural/ });
  const label = await natural.evaluate((el) => el.closest('label')?.textContent ?? '');
  const expected = Number(/\((\d+) products?\)$/.exec(label)?.[1]);
  expect(expected).toBeGreaterThan(1);
  expect(expected).toBeLessThan(found.length);
  await natural.check();
  await expect(page).toHaveURL(/[?&]o\.Colour=Natural(&|$)/);
  await expect(grid.getByRole('listitem')).toHaveCount(expected);
  await expect(resultCount(page)).toHaveText(`${expected} products`);
  await expect(natural).toBeChecked();
  await expect(page.getByRole('link', { name: 'Remove filter Colour: Natural' })).toBeVisible();
  const refined = await titles(grid);

  // Sort by price on the server, low to high.
  await page.getByLabel('Sort by').selectOption({ label: 'Price: low to high' });
  await expect(page).toHaveURL(/[?&]sort=price_asc(&|$)/);
  await expect(page).toHaveURL(/o\.Colour=Natural/);
  await expect.poll(async () => ascending(await prices(grid))).toBe(true);
  const sorted = await titles(grid);
  expect([...sorted].sort()).toEqual([...refined].sort());
  await page.getByLabel('Sort by').selectOption({ label: 'Price: high to low' });
  await expect(page).toHaveURL(/[?&]sort=price_desc(&|$)/);
  await expect.poll(() => titles(grid)).toEqual([...sorted].reverse());

  // Back and forward restore each state: the URL, the controls and the results.
  await page.goBack();
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(page.getByLabel('Sort by')).toHaveValue('price_asc');
  await expect.poll(() => titles(grid)).toEqual(sorted);
  await page.goBack();
  await expect(page).not.toHaveURL(/sort=/);
  await expect(page.getByLabel('Sort by')).toHaveValue('relevance');
  await expect(natural).toBeChecked();
  await expect(grid.getByRole('listitem')).toHaveCount(expected);
  await page.goBack();
  await expect(page).toHaveURL(/\/search\?q=linnen$/);
  await expect(natural).not.toBeChecked();
  await expect(grid.getByRole('listitem')).toHaveCount(found.length);
  await expect(page.getByRole('link', { name: /^Remove filter/ })).toHaveCount(0);
  await page.goForward();
  await expect(page).toHaveURL(/o\.Colour=Natural/);
  await expect(natural).toBeChecked();
  await expect(grid.getByRole('listitem')).toHaveCount(expected);
  await page.goForward();
  await expect(page.getByLabel('Sort by')).toHaveValue('price_asc');
  await expect.poll(() => titles(grid)).toEqual(sorted);

  // The chip removes its filter; the sort stays.
  await page.getByRole('link', { name: 'Remove filter Colour: Natural' }).click();
  await expect(page).not.toHaveURL(/o\.Colour/);
  await expect(page).toHaveURL(/sort=price_asc/);
  await expect(grid.getByRole('listitem')).toHaveCount(found.length);
});

test('page through every product sorted by price: no repeats, the order kept', async ({ page }) => {
  await page.goto('/search?sort=price_asc');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All products');
  // Best match needs words to match.
  await expect(page.getByLabel('Sort by').locator('option', { hasText: 'Best match' })).toHaveCount(
    0,
  );
  const grid = results(page);
  await expect(grid.getByRole('listitem')).toHaveCount(24);
  await expect(page.getByRole('link', { name: 'Back to first page' })).toHaveCount(0);
  await expect(page.getByText(/^Showing 1–24 of \d+$/)).toBeVisible();

  const pages: string[][] = [await titles(grid)];
  const seenPrices: number[] = await prices(grid);
  for (let n = 2; n <= 3; n++) {
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]page=${n}&cursor=[\\w-]+$`));
    await expect(page).toHaveURL(/sort=price_asc/);
    await expect(
      page.getByText(new RegExp(`^Showing ${(n - 1) * 24 + 1}–\\d+ of \\d+$`)),
    ).toBeVisible();
    await expect(page.getByRole('link', { name: 'Back to first page' })).toBeVisible();
    pages.push(await titles(grid));
    seenPrices.push(...(await prices(grid)));
  }
  const all = pages.flat();
  expect(new Set(all).size, 'no product on two pages').toBe(all.length);
  expect(ascending(seenPrices), 'prices rise across pages').toBe(true);

  // Back and forward through the pages.
  await page.goBack();
  await expect(page).toHaveURL(/page=2&/);
  await expect.poll(() => titles(grid)).toEqual(pages[1]);
  await page.goForward();
  await expect(page).toHaveURL(/page=3&/);
  await expect.poll(() => titles(grid)).toEqual(pages[2]);

  await page.getByRole('link', { name: 'Back to first page' }).click();
  await expect(page).toHaveURL(/\/search\?sort=price_asc$/);
  await expect.poll(() => titles(grid)).toEqual(pages[0]);
});

test('no matches: say so and offer fewer filters', async ({ page }) => {
  await page.goto('/search?q=linen&price_max=1');
  await expect(page.getByText('No products match “linen” with these filters')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Remove filter Up to €1.00' })).toBeVisible();
  await page.getByRole('link', { name: 'Clear all filters' }).click();
  await expect(page).toHaveURL(/\/search\?q=linen$/);
  await expect(results(page).getByRole('listitem').first()).toBeVisible();
});

test('before the page has hydrated, the price range cannot be sent by the browser itself', async ({
  browser,
}) => {
  // Without script a click would GET `?min=…&max=…`, dropping the search and the range's units.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const page = await noScript.newPage();
  await page.goto('/search?q=linen');
  const range = page.getByRole('form', { name: 'Price range' });
  await expect(range.getByRole('button', { name: 'Apply price' })).toBeDisabled();
  await noScript.close();
});

test('a price range typed in euros filters in cents', async ({ page }) => {
  await page.goto('/search?q=linen');
  const grid = results(page);
  await expect(grid.getByRole('listitem').first()).toBeVisible();
  const range = page.getByRole('form', { name: 'Price range' });
  await range.getByLabel('Min').fill('20');
  await range.getByLabel('Max').fill('50,50');
  await range.getByRole('button', { name: 'Apply price' }).click();
  await expect(page).toHaveURL(/price_min=20&price_max=50\.50/);
  await expect(page.getByRole('link', { name: 'Remove filter €20.00 – €50.50' })).toBeVisible();
  await expect.poll(async () => (await prices(grid)).length).toBeGreaterThan(0);
  for (const price of await prices(grid)) {
    expect(price).toBeGreaterThanOrEqual(2000);
    expect(price).toBeLessThanOrEqual(5050);
  }
  await range.getByLabel('Min').fill('abc');
  await range.getByRole('button', { name: 'Apply price' }).click();
  await expect(range.getByRole('alert')).toHaveText('Enter amounts like 25 or 49.90');
});

test('an outdated page link offers the first page', async ({ page }) => {
  await page.goto('/search?q=linen&page=2&cursor=not-a-real-cursor');
  await expect(page.getByText('This page link has expired')).toBeVisible();
  await page.getByRole('link', { name: 'Back to first page' }).click();
  await expect(page).toHaveURL(/\/search\?q=linen$/);
  await expect(results(page).getByRole('listitem').first()).toBeVisible();
});

test('category pages filter and sort below their own category', async ({ page }) => {
  await page.goto('/c/home-living');
  const filters = page.getByRole('complementary', { name: 'Filters' });
  // Only subcategories of Home & Living, each with its count.
  const links = filters.getByRole('region', { name: 'Category' }).getByRole('link');
  await expect(links.first()).toBeVisible();
  for (const name of await links.allInnerTexts()) {
    expect(name).toMatch(/^(Kitchen & Dining|Lighting|Textiles)\s*\d+$/);
  }
  await filters.getByRole('checkbox', { name: /^In stock only/ }).check();
  await expect(page).toHaveURL(/\/c\/home-living\?in_stock=1$/);
  await filters.getByRole('link', { name: /^Lighting/ }).click();
  await expect(page).toHaveURL(/\/c\/lighting\?in_stock=1$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Lighting' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Remove filter In stock' })).toBeVisible();
  await page.getByLabel('Sort by').selectOption({ label: 'Price: high to low' });
  await expect(page).toHaveURL(/sort=price_desc/);
  const grid = page.getByRole('list', { name: 'Lighting products' });
  await expect.poll(async () => ascending((await prices(grid)).reverse())).toBe(true);
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('the header search opens over the header and suggests products', async ({ page }) => {
    await page.goto('/');
    const banner = page.getByRole('banner');
    const open = banner.getByRole('button', { name: 'Open search' });
    await expect(open).toBeVisible();
    // The logo and the account link share the first row; the search button sits at the end of
    // the category row.
    const middle = async (locator: Locator) => {
      const b = await locator.boundingBox();
      if (!b) throw new Error('not rendered');
      return b.y + b.height / 2;
    };
    const logo = await middle(banner.getByRole('link', { name: 'Bazaar' }));
    expect(
      Math.abs(logo - (await middle(banner.getByRole('link', { name: 'Sign in' })))),
    ).toBeLessThan(4);
    const nav = await middle(banner.getByRole('navigation', { name: 'Categories' }));
    expect(Math.abs(nav - (await middle(open)))).toBeLessThan(4);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    // Whenever it is tapped (before hydration too: page-cache.spec.ts), the field opens; the
    // shopper is put in it.
    await open.click();
    const box = page.getByRole('combobox', { name: 'Search products' });
    await expect(box).toBeFocused();
    await box.fill('lamp');
    const listbox = page.getByRole('listbox', { name: 'Search suggestions' });
    const option = listbox.getByRole('option').first();
    await expect(option).toBeVisible();
    // Escape closes the list first, keeping the field open with its words.
    await box.press('Escape');
    await expect(listbox).toBeHidden();
    await expect(box).toHaveValue('lamp');
    await expect(box).toBeVisible();
    // "Brass Desk Lamp€139.00": the title, then the price.
    await box.press('ArrowDown');
    await expect(option).toBeVisible();
    const title = /^(.+?)€/.exec((await option.textContent()) ?? '')?.[1]?.trim() ?? '';
    expect(title).toMatch(/Lamp/);
    await box.press('Enter');
    await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(box).toBeHidden();
    // Then the words, then the field itself; Cancel puts the header back too.
    await open.click();
    await expect(box).toBeFocused();
    await box.fill('desk');
    await box.press('Escape');
    await box.press('Escape');
    await expect(box).toHaveValue('');
    await expect(box).toBeVisible();
    await box.press('Escape');
    await expect(box).toBeHidden();
    await expect(open).toBeVisible();
    await open.click();
    await box.fill('desk');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(box).toBeHidden();
    await open.click();
    await expect(box).toHaveValue('');
  });

  test('filters open in a sheet and apply as they are chosen', async ({ page }) => {
    await page.goto('/search?q=linen');
    const grid = results(page);
    await expect(grid.getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Filters' })).toBeHidden();
    await page.getByRole('button', { name: 'Filters' }).click();
    const sheet = page.getByRole('dialog', { name: 'Filters' });
    await expect(sheet).toBeVisible();
    const homeLiving = sheet.getByRole('link', { name: /^Home & Living/ });
    const count = Number(/(\d+)$/.exec((await homeLiving.textContent())?.trim() ?? '')?.[1]);
    await homeLiving.click();
    await expect(page).toHaveURL(/[?&]category=home-living(&|$)/);
    await expect(sheet.getByRole('button', { name: `Show ${count} products` })).toBeVisible();
    await sheet.getByRole('button', { name: `Show ${count} products` }).click();
    await expect(sheet).toBeHidden();
    await expect(grid.getByRole('listitem')).toHaveCount(count);
    await expect(page.getByRole('link', { name: 'Remove filter Home & Living' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Filters\s*1 active$/ })).toBeVisible();
  });
});
