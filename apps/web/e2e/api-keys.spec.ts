import { DEMO_OWNER, signIn, WEB_ORIGIN } from './staff-api';
import { expect, test } from './test';

test('the Owner makes an API key, a program uses it, and revoking it refuses the program', async ({
  browser,
  playwright,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  expect((await signIn(page.request, DEMO_OWNER)).status).toBe('signed-in');
  await page.goto('/admin/api-keys');
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'API keys' }),
  ).toHaveAttribute('aria-current', 'page');

  const name = `Stock sync ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  const roles = page.getByLabel('Role');
  // Roles that manage staff are not offered.
  await expect(roles.getByRole('option', { name: 'Owner' })).toHaveCount(0);
  await roles.selectOption({ label: 'Support' });
  await page.getByRole('button', { name: 'Create key' }).click();
  const tokenField = page.getByLabel('API key');
  await expect(tokenField).toHaveValue(/^bzk_[a-z2-7]{16}\.[a-z2-7]{32}$/);
  const token = await tokenField.inputValue();

  // A program (no cookies, no Origin) calls the shop's origin with the key.
  const program = await playwright.request.newContext({
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  const ordersUrl = `${WEB_ORIGIN}/trpc/admin.orders.list?input=${encodeURIComponent(JSON.stringify({ json: {} }))}`;
  expect((await program.get(ordersUrl)).status()).toBe(200);

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(tokenField).toHaveCount(0);
  await page.reload();
  const row = page
    .getByRole('table', { name: 'API keys' })
    .getByRole('row')
    .filter({ hasText: name });
  await expect(row).toContainText('Support');
  await expect(row).toContainText(DEMO_OWNER.name);
  await expect(row).toContainText('Active');
  await expect(row).not.toContainText('Never');
  await expect(row).toContainText(token.slice(0, 12));
  // Shown once: after the reload the secret is nowhere on the page.
  expect(await page.content()).not.toContain(token.split('.')[1]);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  const refused = await program.get(ordersUrl);
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.json.data.appCode).toBe('INVALID_API_KEY');
  await program.dispose();
  await context.close();
});
