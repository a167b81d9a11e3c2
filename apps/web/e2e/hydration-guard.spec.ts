import { expect, test, watchHydration } from './test';

test.use({ failOnHydrationError: false });

test('the hydration guard sees a page whose server HTML differs from its first render', async ({
  browser,
  context,
  page,
}) => {
  // The header's cart link is a client component; its label changed in the HTML on the way.
  await page.route('/', async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    expect(html).toContain('<span class="sr-only">Cart</span>');
    await route.fulfill({
      response,
      body: html.replace('<span class="sr-only">Cart</span>', '<span class="sr-only">Bag</span>'),
    });
  });
  const watch = watchHydration(browser, context);
  await page.goto('/');
  await expect.poll(() => watch.failures.length).toBeGreaterThan(0);
  expect(watch.stop()[0]).toMatch(/Minified React error #418/);

  // The same page as served hydrates without one.
  const clean = watchHydration(browser, context);
  await page.unrouteAll();
  await page.goto('/');
  await expect(page.getByRole('link', { name: /^Cart/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(clean.stop()).toEqual([]);
});
