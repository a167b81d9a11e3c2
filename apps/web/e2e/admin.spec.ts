import type { Browser, Page } from '@playwright/test';
import {
  acceptInvite,
  DEMO_OWNER,
  invitationToken,
  inviteStaff,
  listStaff,
  rawQuery,
  roleByName,
  session,
  signIn,
  signUp,
  totpCode,
  uniqueEmail,
} from './staff-api';
import { expect, test } from './test';

const NEW_PASSWORD = 'Velvet-Anchor-Orbit-42';

/** A browser context signed in as the demo Owner (through the API, sharing the context's cookies). */
async function ownerPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const state = await signIn(page.request, DEMO_OWNER);
  expect(state.status).toBe('signed-in');
  return page;
}

async function signInThroughForm(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the demo Owner signs in and sees the staff list and roles', async ({ page }) => {
  await page.goto('/admin/staff');
  // Signed out: sent to sign in, remembering the way back.
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Fstaff$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to the admin' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);

  // A failed sign-in is reported on the form (an unknown account, so the Owner's own failure
  // counters stay untouched).
  await signInThroughForm(page, uniqueEmail('nobody'), 'not-the-password');
  await expect(
    page.getByRole('alert').filter({ hasText: 'Incorrect email or password' }),
  ).toBeVisible();

  await signInThroughForm(page, DEMO_OWNER.email, DEMO_OWNER.password);
  await expect(page).toHaveURL(/\/admin\/staff$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Staff' })).toBeVisible();

  const header = page.getByRole('banner');
  await expect(header.getByTestId('staff-name')).toHaveText(DEMO_OWNER.name);
  await expect(header.getByTestId('staff-role')).toHaveText('Owner');
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Admin' });
  for (const name of [
    'Dashboard',
    'Products',
    'Orders',
    'Customers',
    'Staff',
    'Roles',
    'Mailbox',
  ]) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await expect(nav.getByRole('link', { name: 'Staff' })).toHaveAttribute('aria-current', 'page');

  const table = page.getByRole('table', { name: 'Staff members' });
  const ownerRow = table.getByRole('row').filter({ hasText: DEMO_OWNER.email });
  await expect(ownerRow).toContainText(DEMO_OWNER.name);
  await expect(ownerRow).toContainText('Owner');
  await expect(ownerRow).toContainText('Active');
  // Nobody deactivates themselves.
  await expect(ownerRow.getByRole('button', { name: /Deactivate/ })).toHaveCount(0);

  await nav.getByRole('link', { name: 'Roles' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Roles' })).toBeVisible();
  const roles = page.getByRole('list', { name: 'Roles' });
  for (const name of ['Owner', 'Manager', 'Support', 'Catalog editor']) {
    await expect(roles.getByRole('heading', { level: 2, name })).toBeVisible();
  }
  await expect(page.getByRole('list', { name: 'Owner permissions' })).toContainText(
    'Invite staff and manage roles',
  );
  await expect(page.getByRole('list', { name: 'Manager permissions' })).not.toContainText(
    'Invite staff and manage roles',
  );

  // The console is its own shell, without the storefront's chrome.
  await expect(page.getByRole('navigation', { name: 'Categories' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page).toHaveTitle('Dashboard · Bazaar Admin');
  await expect(nav.getByRole('link', { name: 'Dashboard' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await nav.getByRole('link', { name: 'Orders' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expect(page).toHaveTitle('Orders · Bazaar Admin');
  await expect(nav.getByRole('link', { name: 'Orders' })).toHaveAttribute('aria-current', 'page');

  // Signing out ends the session: the console sends the visitor to sign in again.
  await header.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await page.goto('/admin/roles');
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Froles$/);
});

test('an invited Manager enrols in TOTP and then signs in with a code', async ({
  page,
  browser,
}) => {
  // The whole onboarding in browsers (invite, mailbox, password, enrolment, a second sign-in):
  // it ran out of 60 s twice in one CI run at the load of two workers on two cores.
  test.setTimeout(120_000);
  const email = uniqueEmail('manager');
  const name = 'Mira Manager';

  // The Owner invites them from the staff page.
  const owner = await ownerPage(browser);
  await owner.goto('/admin/staff');
  const invite = owner.getByRole('region', { name: 'Invite a staff member' });
  await invite.getByLabel('Name').fill(name);
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Role').selectOption({ label: 'Manager' });
  await invite.getByRole('button', { name: 'Send invitation' }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'Invitation sent' })).toContainText(
    email,
  );
  const row = owner.getByRole('table', { name: 'Staff members' }).getByRole('row').filter({
    hasText: email,
  });
  await expect(row).toContainText('Invited');
  await expect(row.getByRole('combobox', { name: `Role for ${name}` })).toHaveValue(
    (await roleByName(owner.request, 'Manager')).id,
  );

  // The invitation is in the development mailbox, with a clickable link.
  await owner.goto('/admin/mailbox');
  await owner.getByLabel('Recipient').fill(email);
  await owner.getByRole('button', { name: 'Filter' }).click();
  const messages = owner.getByRole('list', { name: 'Messages' }).getByRole('listitem');
  await expect(messages).toHaveCount(1);
  await messages.first().getByText('You are invited to the Bazaar admin').click();
  await expect(
    messages.first().getByRole('link', { name: /\/admin\/accept-invite\?token=/ }),
  ).toBeVisible();
  const token = await invitationToken(owner.request, email);

  // They choose a password…
  await page.goto(`/admin/accept-invite?token=${token}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Join the Bazaar admin' }),
  ).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  // A repeat that does not match is caught before anything is sent.
  const repeat = page.getByLabel('Repeat new password');
  await repeat.fill(`${NEW_PASSWORD}!`);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(repeat).toHaveAttribute('aria-invalid', 'true');
  await expect(repeat).toHaveAccessibleDescription('The passwords don’t match');
  await expect(page).toHaveURL(/\/admin\/accept-invite\?token=/);
  await repeat.fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in\?notice=invited$/);
  await expect(page.getByRole('status')).toContainText('Your password is set');

  // …sign in (a Manager needs no second factor yet) and see only what their role allows.
  await signInThroughForm(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('banner').getByTestId('staff-name')).toHaveText(name);
  await expect(page.getByRole('banner').getByTestId('staff-role')).toHaveText('Manager');
  const nav = page.getByRole('navigation', { name: 'Admin' });
  await expect(nav.getByRole('link', { name: 'Products' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Staff' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Mailbox' })).toHaveCount(0);
  await page.goto('/admin/staff');
  await expect(page.getByText('You don’t have access to this page')).toBeVisible();
  await expect(page.getByRole('table')).toHaveCount(0);

  // Enrol in two-factor from the security page.
  await nav.getByRole('link', { name: 'Security' }).click();
  await expect(page.getByTestId('two-factor-status')).toHaveText('Off');
  await page.getByRole('link', { name: 'Set up two-factor authentication' }).click();
  await expect(page).toHaveURL(/\/admin\/security\/two-factor$/);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  const used = new Set<number>();

  // A wrong code is refused on the field.
  const codeField = page.getByLabel('Authentication code');
  const realCode = await totpCode(secret, used);
  const wrongCode = realCode === '000000' ? '111111' : '000000';
  await codeField.fill(wrongCode);
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(codeField).toHaveAttribute('aria-invalid', 'true');
  await expect(codeField).toHaveAccessibleDescription(/not valid/);

  await codeField.fill(realCode);
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  const recoveryCodes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(recoveryCodes).toHaveCount(10);
  await expect(recoveryCodes.first()).toHaveText(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
  const continueButton = page.getByRole('button', { name: 'Continue to the admin' });
  await expect(continueButton).toBeDisabled();
  await page.getByLabel('I have saved my recovery codes').check();
  await continueButton.click();
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/security');
  await expect(page.getByTestId('two-factor-status')).toHaveText('On');

  // Sign out, and sign in again: now a code is due after the password.
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  await signInThroughForm(page, email, NEW_PASSWORD);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Two-factor authentication' }),
  ).toBeVisible();
  // Until the code is given the session is not signed in.
  expect((await session(page.request)).status).toBe('pending-second-factor');
  await page.goto('/admin/orders');
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin%2Forders$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Two-factor authentication' }),
  ).toBeVisible();

  await page.getByLabel('Authentication code').fill(await totpCode(secret, used));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/admin\/orders$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Orders' })).toBeVisible();
  await expect(page.getByRole('banner').getByTestId('staff-name')).toHaveText(name);

  // The Owner sees the new member active, with two-factor on.
  const member = (await listStaff(owner.request)).find((m) => m.email === email);
  expect(member).toMatchObject({ active: true, invitePending: false, twoFactorEnabled: true });
  await owner.context().close();
});

test('a customer cannot use the admin or call staff procedures', async ({ page }) => {
  const email = uniqueEmail('customer');
  const state = await signUp(page.request, {
    name: 'Casey Customer',
    email,
    password: NEW_PASSWORD,
  });
  expect(state).toMatchObject({ status: 'signed-in', user: { kind: 'customer' } });

  for (const path of [
    '/admin',
    '/admin/staff',
    '/admin/roles',
    '/admin/mailbox',
    '/admin/security',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: 'Staff only' }), path).toBeVisible();
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);
    await expect(page.getByRole('table')).toHaveCount(0);
  }
  await page.goto('/admin/security/two-factor');
  await expect(page.getByRole('heading', { level: 1, name: 'Staff only' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Back to the shop' }).first()).toHaveAttribute(
    'href',
    '/',
  );

  // The API refuses them too, whatever the page does.
  for (const path of ['admin.staff.list', 'admin.roles.list']) {
    const response = await rawQuery(page.request, path);
    expect(response.status, path).toBe(403);
    expect(response.code, path).toBe('FORBIDDEN');
  }
  const mail = await rawQuery(page.request, 'admin.mailbox.list', { limit: 5 });
  expect(mail.status).toBe(403);

  // Signing out from the "Staff only" page leads to the staff sign-in.
  await page.goto('/admin');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/admin\/sign-in$/);
  expect((await session(page.request)).status).toBe('signed-out');
});

test('deactivating a staff member ends their sessions at once', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const owner = await ownerPage(browser);
  const email = uniqueEmail('support');
  const name = 'Sam Support';
  const support = await roleByName(owner.request, 'Support');
  await inviteStaff(owner.request, { name, email, roleId: support.id });
  const token = await invitationToken(owner.request, email);
  const member = await playwright.request.newContext({ baseURL });
  await acceptInvite(member, { token, password: NEW_PASSWORD });

  // Signed in twice: in a browser, and from another client.
  await page.goto('/admin/sign-in');
  await signInThroughForm(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('banner').getByTestId('staff-role')).toHaveText('Support');
  expect((await signIn(member, { email, password: NEW_PASSWORD })).status).toBe('signed-in');

  // The Owner deactivates them, confirming first.
  await owner.goto('/admin/staff');
  const row = owner.getByRole('table', { name: 'Staff members' }).getByRole('row').filter({
    hasText: email,
  });
  await row.getByRole('button', { name: `Deactivate ${name}` }).click();
  const dialog = owner.getByRole('dialog', { name: `Deactivate ${name}?` });
  await expect(dialog).toBeVisible();
  // Cancelling changes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Active');
  await row.getByRole('button', { name: `Deactivate ${name}` }).click();
  await dialog.getByRole('button', { name: 'Deactivate' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Deactivated');
  await expect(owner.getByRole('status').filter({ hasText: 'deactivated' })).toBeVisible();

  // Both of their sessions are gone: the next request is signed out.
  expect((await session(member)).status).toBe('signed-out');
  const refused = await rawQuery(member, 'account.sessions.list');
  expect(refused.status).toBe(401);
  await page.reload();
  await expect(page).toHaveURL(/\/admin\/sign-in\?next=%2Fadmin$/);
  // And they cannot sign in again.
  await signInThroughForm(page, email, NEW_PASSWORD);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Incorrect email or password' }),
  ).toBeVisible();

  // Reactivated, they can.
  await row.getByRole('button', { name: `Reactivate ${name}` }).click();
  await owner
    .getByRole('dialog', { name: `Reactivate ${name}?` })
    .getByRole('button', {
      name: 'Reactivate',
    })
    .click();
  await expect(row).toContainText('Active');
  expect((await signIn(member, { email, password: NEW_PASSWORD })).status).toBe('signed-in');

  await member.dispose();
  await owner.context().close();
});
