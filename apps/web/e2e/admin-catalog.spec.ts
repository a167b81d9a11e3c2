import type { Browser, Page } from '@playwright/test';
import { DEMO_OWNER, signIn } from './staff-api';
import { expect, test } from './test';

/** Staff manage the catalog; shoppers see the result. */

/** A 2×2 PNG. */
const SEA_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAD0lEQVQImWNg+M8AQhAKABvyA/3vqwwGAAAAAElFTkSuQmCC',
  'base64',
);

async function ownerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const state = await signIn(page.request, DEMO_OWNER);
  expect(state.status).toBe('signed-in');
  return page;
}

const variantRow = (page: Page, label: string) =>
  page
    .getByRole('table', { name: 'Variants' })
    .getByRole('row')
    .filter({ has: page.getByLabel(`SKU of ${label}`) });

test('staff create a product with options, variants and prices in two currencies; shoppers buy it', async ({
  browser,
}) => {
  test.slow();
  const page = await ownerPage(browser);
  await page.goto('/admin/products');
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await expect(page.getByText(/\d+ products match/)).toBeVisible();
  await page.getByRole('link', { name: 'New product' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New product' })).toBeVisible();

  const title = `Harbour Rain Jacket ${Date.now()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Status').selectOption('active');
  // Not Apparel: the storefront test pages through that one at the same time.
  await page.getByLabel('Category').selectOption({ label: '— Camping' });
  await page.getByRole('textbox', { name: 'Description' }).fill('Light, packable and fully taped.');
  await page.getByRole('button', { name: 'Add option' }).click();
  await page.getByLabel('Option 1 name').fill('Colour');
  await page.getByLabel('Option 1 values').fill('Sea, Sand');
  await page.getByRole('button', { name: 'Add option' }).click();
  await page.getByLabel('Option 2 name').fill('Size');
  await page.getByLabel('Option 2 values').fill('S, M');
  await page.getByRole('button', { name: 'Generate variants from the options' }).click();
  const rows = page.getByRole('table', { name: 'Variants' }).locator('tbody tr');
  await expect(rows).toHaveCount(4);

  for (const label of ['Sea / S', 'Sea / M', 'Sand / S', 'Sand / M']) {
    await page.getByLabel(`EUR price of ${label}`).fill('120');
    await page.getByLabel(`On hand of ${label}`).fill(label === 'Sea / M' ? '0' : '5');
  }
  // On sale in euro; sold in dollars in Sea only.
  await page.getByLabel('EUR “was” price of Sea / S').fill('150');
  await page.getByLabel('USD price of Sea / S').fill('130');
  await page.getByLabel('USD price of Sea / M').fill('130');
  // A picture of the sea-coloured jacket, dropped in and tied to "Colour: Sea"; a file that only
  // claims to be an image is refused by the API.
  const images = page.getByRole('list', { name: 'Images' });
  await page.getByLabel('Choose images').setInputFiles([
    { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload="alert(1)"/>') },
    { name: 'sea.png', mimeType: 'image/png', buffer: SEA_PNG },
  ]);
  await expect(page.getByRole('alert').filter({ hasText: 'fake.png' })).toBeVisible();
  await expect(images.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Alt text of image 1').fill('The jacket in sea green');
  await page.getByLabel('Shown for (image 1)').selectOption({ label: 'Colour: Sea' });

  // A price that is not an amount is caught before anything is sent.
  await page.getByLabel('GBP price of Sand / M').fill('twelve');
  await page.getByRole('button', { name: 'Create product' }).first().click();
  await expect(page.getByLabel('GBP price of Sand / M')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('GBP price of Sand / M').fill('');

  await page.getByRole('button', { name: 'Create product' }).first().click();
  await expect(page).toHaveURL(/\/admin\/products\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole('status')).toContainText('Saved. It is live in the shop.');
  await expect(variantRow(page, 'Sea / S')).toBeVisible();

  // The shopper: euro by default, the sale, options in the staff's order.
  // The shopper finds it where it was put: the newest product of Camping, first on its page.
  const shop = await browser.newPage();
  const slug = title.toLowerCase().replace(/ /g, '-');
  // The shop's page cache shows a change within 5 s (README: Storefront speed; page-cache.spec).
  await expect(async () => {
    await shop.goto('/c/camping');
    await expect(
      shop.getByRole('list', { name: 'Camping products' }).getByRole('link', { name: title }),
    ).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 10_000 });
  await shop
    .getByRole('list', { name: 'Camping products' })
    .getByRole('link', { name: title })
    .click();
  await expect(shop).toHaveURL(new RegExp(`/p/${slug}$`));
  await expect(shop.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const groups = shop.getByRole('group');
  await expect(groups.nth(0)).toHaveAccessibleName(/^Colour/);
  await expect(groups.nth(1)).toHaveAccessibleName(/^Size/);
  await groups.nth(0).getByRole('radio', { name: 'Sea', exact: false }).check();
  await groups.nth(1).getByRole('radio', { name: 'S', exact: true }).check();
  await expect(shop.getByTestId('price')).toHaveText('€120.00');
  await expect(shop.getByTestId('compare-at-price')).toHaveText('was €150.00');
  await expect(shop.getByText('Light, packable and fully taped.')).toBeVisible();
  const picture = shop.getByRole('img', { name: 'The jacket in sea green' });
  await expect(picture.first()).toHaveAttribute(
    'src',
    /\/media\/uploads\/[0-9a-f-]{36}\/\d+\.webp/,
  );
  // Sand has no picture of its own: the sea one is not shown for it.
  await groups.nth(0).getByRole('radio', { name: 'Sand', exact: false }).check();
  await expect(picture).toHaveCount(0);
  await groups.nth(0).getByRole('radio', { name: 'Sea', exact: false }).check();

  // In dollars, only the sea jacket is sold; sand cannot be picked.
  await shop.getByRole('combobox', { name: 'Currency' }).selectOption('USD');
  await expect(shop.getByRole('combobox', { name: 'Currency' })).toHaveValue('USD');
  await expect(shop.getByTestId('price')).toHaveText('US$130.00');
  await expect(shop.getByRole('group').nth(0).getByRole('radio', { name: /^Sand/ })).toBeDisabled();
  await shop.close();

  // Two staff on the same product: the second save is refused, not silently lost.
  const other = await ownerPage(browser);
  await other.goto(page.url());
  await page.getByLabel('Title').fill(`${title} (first)`);
  await page.getByRole('button', { name: 'Save product' }).first().click();
  await expect(page.getByRole('status')).toContainText('Saved.');
  await other.getByLabel('Title').fill(`${title} (second)`);
  await other.getByRole('button', { name: 'Save product' }).first().click();
  await expect(
    other
      .getByRole('alert')
      .filter({ hasText: 'Someone else saved this product after you opened it' }),
  ).toBeVisible();
  await other.getByRole('button', { name: 'Load the latest version' }).click();
  await expect(other.getByLabel('Title')).toHaveValue(`${title} (first)`);

  // Bulk: archive it from the list; it leaves the shop.
  await page.goto(`/admin/products?q=${encodeURIComponent(title)}`);
  await expect(page.getByText('1 product match')).toBeVisible();
  await page.getByLabel(`Select ${title} (first)`).check();
  await page
    .getByRole('toolbar', { name: 'Bulk actions' })
    .getByRole('button', { name: 'Archive' })
    .click();
  await expect(page.getByRole('status')).toContainText('Archive: 1 product.');
  const gone = await browser.newPage();
  expect((await gone.goto(`/p/${slug}`))?.status()).toBe(404);
});

test('the dashboard counts live products and low stock, linking to the list', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  await page.goto('/admin');
  const live = page.getByRole('listitem').filter({ hasText: 'Products live' });
  await expect(live).toContainText(/\d+/);
  await live.getByRole('link', { name: 'View' }).click();
  await expect(page).toHaveURL(/\/admin\/products\?status=active$/);
  await expect(page.getByLabel('Status')).toHaveValue('active');
});

// Names do not end in digits: the home page's cards read "N products" right after the name.
test('staff shape the category tree: add, nest, move, rename and delete', async ({ browser }) => {
  const page = await ownerPage(browser);
  const stamp = Date.now();
  await page.goto('/admin/categories');
  await expect(page.getByRole('heading', { level: 1, name: 'Categories' })).toBeVisible();
  const add = page.getByRole('form', { name: 'Add a category' });
  await add.getByLabel('Name').fill(`Garden ${stamp} Patio`);
  await add.getByRole('button', { name: 'Add category' }).click();
  await expect(page.getByRole('status')).toContainText(`Garden ${stamp} Patio added.`);
  await add.getByLabel('Name').fill(`Pots ${stamp} Glazed`);
  await add.getByLabel('Inside').selectOption({ label: `Garden ${stamp} Patio` });
  await add.getByRole('button', { name: 'Add category' }).click();
  await expect(page.getByRole('status')).toContainText(`Pots ${stamp} Glazed added.`);

  const tree = page.getByRole('list', { name: 'Category tree' });
  // A row is found by its own buttons (every row's "move into" menu names all categories).
  const row = (name: string) =>
    tree
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: `Move ${name} up` }) });
  const pots = row(`Pots ${stamp} Glazed`);
  // The shop shows the new category, inside its parent.
  const shop = await browser.newPage();
  await shop.goto(`/c/pots-${stamp}-glazed`);
  await expect(shop.getByRole('navigation', { name: 'Breadcrumb' })).toContainText(
    `Garden ${stamp} Patio`,
  );

  // To the top level, renamed, then deleted.
  await page.getByLabel(`Move Pots ${stamp} Glazed into`).selectOption({ label: 'Top level' });
  await expect(page.getByRole('status')).toContainText(`Pots ${stamp} Glazed moved.`);
  await pots.getByRole('button', { name: 'Rename' }).click();
  await page
    .getByRole('form', { name: `Rename Pots ${stamp} Glazed` })
    .getByLabel('Name')
    .fill(`Planters ${stamp} Tall`);
  await page
    .getByRole('form', { name: `Rename Pots ${stamp} Glazed` })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(page.getByRole('status')).toContainText(`Planters ${stamp} Tall saved.`);
  // Within the page cache's 5 s.
  await expect(async () => {
    await shop.goto(`/c/pots-${stamp}-glazed`);
    await expect(shop.getByRole('navigation', { name: 'Breadcrumb' })).not.toContainText(
      `Garden ${stamp} Patio`,
      { timeout: 500 },
    );
  }).toPass({ timeout: 10_000 });
  const planters = row(`Planters ${stamp} Tall`);
  await planters.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toContainText(`Planters ${stamp} Tall deleted.`);
  await expect(planters).toHaveCount(0);
});

test('staff import a CSV: a progress bar, good rows saved, bad rows reported', async ({
  browser,
}) => {
  const page = await ownerPage(browser);
  await page.goto('/admin/products');
  const stamp = Date.now();
  const csv = [
    'product_slug,product_title,status,category_slug,sku,on_hand,price_EUR',
    `csv-mug-${stamp},CSV Mug,active,kitchen,CSV-MUG-${stamp},3,12.50`,
    `csv-bad-${stamp},CSV Bad,active,kitchen,CSV-BAD-${stamp},3,twelve`,
  ].join('\n');
  await page.getByLabel('Import CSV').setInputFiles({
    name: 'products.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  const result = page.getByRole('region', { name: 'Import' });
  await expect(result).toContainText('Import finished: 1 of 2 rows saved.');
  await expect(result.getByRole('progressbar')).toHaveAttribute('value', '2');
  await expect(result.getByRole('table')).toContainText('price_EUR');
  await expect(result.getByRole('table')).toContainText('An amount such as 29.00');
  const shop = await browser.newPage();
  await shop.goto(`/p/csv-mug-${stamp}`);
  await expect(shop.getByTestId('price')).toHaveText('€12.50');
  expect((await shop.goto(`/p/csv-bad-${stamp}`))?.status()).toBe(404);
});
