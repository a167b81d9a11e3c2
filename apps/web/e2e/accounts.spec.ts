import { type Page, request } from '@playwright/test';
import {
  linkPath,
  mutate,
  OWNER,
  openMailbox,
  STRONG_PASSWORD,
  signedInContext,
  signUpCustomer,
  uniqueEmail,
} from './api';
import { expect, test } from './test';

function header(page: Page) {
  return page.getByRole('banner');
}

/** The page content (Next's route announcer is also an alert, outside `main`). */
function main(page: Page) {
  return page.getByRole('main');
}

async function signInWithForm(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function signUpWithForm(page: Page, name: string, email: string, password: string) {
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Repeat password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();
}

test('a form sent by script cannot be sent before the script runs: no password in a URL', async ({
  browser,
  page,
}) => {
  // Before hydration (here: never), a click or Enter would have the browser send the form itself,
  // as a GET of the same page with every field in the query string.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const bare = await noScript.newPage();
  await bare.goto('/sign-in');
  await bare.getByLabel('Email').fill('someone@example.com');
  await bare.getByLabel('Password', { exact: true }).fill('never in a url');
  await expect(bare.getByRole('button', { name: 'Sign in', exact: true })).toBeDisabled();
  await bare.getByLabel('Password', { exact: true }).press('Enter');
  await bare.waitForTimeout(500);
  expect(new URL(bare.url()).search).not.toContain('password');
  expect(new URL(bare.url()).pathname).toBe('/sign-in');
  await noScript.close();

  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
});

test('sign up, verify the email, sign out and sign in again', async ({ page, baseURL }) => {
  // Sign-up, a mailbox wait, verification, sign-out and sign-in: about 15 s alone, and once
  // above 30 s on a loaded CI machine.
  test.slow();
  const email = uniqueEmail();
  const name = 'Ada Shopper';
  const mailbox = await openMailbox(baseURL ?? '');
  try {
    await page.goto('/');
    await header(page).getByRole('link', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/sign-up$/);

    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByLabel('Repeat password').fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL(/\/account$/);
    await expect(header(page)).toContainText(name);
    await expect(header(page).getByRole('link', { name: 'Account' })).toBeVisible();
    const emailPanel = page.getByRole('region', { name: 'Email address' });
    await expect(emailPanel).toContainText(email);
    await expect(emailPanel.getByText('Not verified')).toBeVisible();

    const mail = await mailbox.next(email, { subject: /Confirm your email/ });
    const link = linkPath(mail.text);
    expect(link).toMatch(/^\/account\/verify-email\?token=/);
    await page.goto(link);
    await expect(main(page).getByRole('status')).toContainText('Your email address is verified');

    await page.getByRole('link', { name: 'Go to your account' }).click();
    await expect(
      page.getByRole('region', { name: 'Email address' }).getByText('Verified'),
    ).toBeVisible();

    // The link works once.
    await page.goto(link);
    await expect(main(page).getByRole('alert')).toContainText('We couldn’t verify your email');

    await header(page).getByRole('button', { name: 'Sign out' }).click();
    await expect(header(page).getByRole('link', { name: 'Sign in' })).toBeVisible();
    await expect(header(page).getByRole('button', { name: 'Sign out' })).toHaveCount(0);

    // Signed out, the account area sends you to sign in and back.
    await page.goto('/account/addresses');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Faccount%2Faddresses$/);
    await signInWithForm(page, email, STRONG_PASSWORD);
    await expect(page).toHaveURL(/\/account\/addresses$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Addresses' })).toBeVisible();
    await expect(header(page)).toContainText(name);
  } finally {
    await mailbox.dispose();
  }
});

test('forgot password, reset it from the email, sign in with the new one', async ({
  page,
  baseURL,
}) => {
  const email = uniqueEmail();
  const newPassword = 'Copper-Lantern-Meadow-77';
  await signUpCustomer(baseURL ?? '', {
    name: 'Forgetful Shopper',
    email,
    password: STRONG_PASSWORD,
  });
  const mailbox = await openMailbox(baseURL ?? '');
  try {
    await mailbox.next(email, { subject: /Confirm your email/ }); // sent at sign-up

    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(main(page).getByRole('status')).toContainText('If an account exists');

    // Unknown addresses get the same answer.
    await page.getByRole('button', { name: 'try another address' }).click();
    await page.getByLabel('Email').fill(uniqueEmail('nobody'));
    await page.getByRole('button', { name: 'Send reset link' }).click();
    await expect(main(page).getByRole('status')).toContainText('If an account exists');

    const mail = await mailbox.next(email, { subject: /Reset your/ });
    const link = linkPath(mail.text);
    expect(link).toMatch(/^\/reset-password\?token=/);
    await page.goto(link);
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat new password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(main(page).getByRole('status')).toContainText('Your password has been changed');

    await page.getByRole('link', { name: 'Sign in', exact: true }).last().click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await signInWithForm(page, email, STRONG_PASSWORD);
    await expect(main(page).getByRole('alert')).toContainText('Incorrect email or password');
    await expect(page).toHaveURL(/\/sign-in$/);

    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(header(page)).toContainText('Forgetful Shopper');
  } finally {
    await mailbox.dispose();
  }
});

test('bad input shows field errors instead of failing', async ({ page }) => {
  const overlong = `${'a'.repeat(288)}@example.com`;
  expect(overlong.length).toBe(300);

  await page.goto('/sign-up');
  await page.getByLabel('Name').fill('Validation Tester');
  await page.getByLabel('Email').fill(overlong);
  await page.getByRole('button', { name: 'Create account' }).click();
  const emailField = page.getByLabel('Email');
  await expect(emailField).toHaveAttribute('aria-invalid', 'true');
  await expect(emailField).toHaveAccessibleDescription(/at most 254 characters/);
  const passwordField = page.getByLabel('Password', { exact: true });
  await expect(passwordField).toHaveAttribute('aria-invalid', 'true');
  await expect(passwordField).toHaveAccessibleDescription(/at least 8 characters/i);
  await expect(page.getByLabel('Name')).not.toHaveAttribute('aria-invalid', 'true');
  // Focus moves to the first field with an error.
  await expect(emailField).toBeFocused();
  await expect(page).toHaveURL(/\/sign-up$/);

  // A repeat that does not match is caught before anything is sent.
  await emailField.fill(uniqueEmail());
  await passwordField.fill(STRONG_PASSWORD);
  const repeat = page.getByLabel('Repeat password');
  await repeat.fill(`${STRONG_PASSWORD}?`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(repeat).toHaveAttribute('aria-invalid', 'true');
  await expect(repeat).toHaveAccessibleDescription('The passwords don’t match');
  await expect(repeat).toBeFocused();
  await expect(page).toHaveURL(/\/sign-up$/);

  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(uniqueEmail());
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
    /Enter your password/,
  );
  await page.getByLabel('Email').fill(overlong);
  await page.getByLabel('Password', { exact: true }).fill('whatever-it-is');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription(/at most 254 characters/);

  await page.goto('/reset-password?token=not-a-real-token');
  await page.getByLabel('New password', { exact: true }).fill(STRONG_PASSWORD);
  await page.getByLabel('Repeat new password').fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(main(page).getByRole('alert')).toContainText('This link is malformed');
  await expect(page.getByRole('link', { name: 'Request a new one' })).toBeVisible();

  await page.goto('/reset-password');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is incomplete');

  await page.goto('/account/verify-email?token=not-a-real-token');
  await expect(main(page).getByRole('alert')).toContainText('This link is malformed');
});

test('account area: profile, addresses, password change and sessions', async ({
  page,
  baseURL,
}) => {
  // Three devices and a dozen form round trips: about 15 s alone, more on a busy CI machine.
  test.slow();
  await signUpWithForm(page, 'Grace Shopper', uniqueEmail(), STRONG_PASSWORD);

  // Changing the email needs the current password, and the new address is unverified.
  const email = uniqueEmail('moved');
  const emailPanel = page.getByRole('region', { name: 'Email address' });
  const changeEmail = emailPanel.getByRole('form', { name: 'Change email address' });
  await changeEmail.getByLabel('New email address').fill(email);
  await changeEmail.getByLabel('Current password').fill('not-my-password');
  await changeEmail.getByRole('button', { name: 'Change email' }).click();
  await expect(
    changeEmail
      .getByRole('alert')
      .filter({ hasText: /./ })
      .or(changeEmail.locator('[aria-invalid="true"]'))
      .first(),
  ).toBeVisible();
  await changeEmail.getByLabel('Current password').fill(STRONG_PASSWORD);
  await changeEmail.getByRole('button', { name: 'Change email' }).click();
  await expect(changeEmail.getByRole('status')).toContainText(`Your email address is now ${email}`);
  await expect(emailPanel).toContainText(email);
  await expect(emailPanel.getByText('Not verified')).toBeVisible();
  await emailPanel.getByRole('button', { name: 'Resend verification email' }).click();
  await expect(emailPanel.getByRole('status').first()).toContainText(
    `We sent a new link to ${email}`,
  );

  // Profile: rename, and the header follows.
  const namePanel = page.getByRole('region', { name: 'Your name' });
  await namePanel.getByLabel('Name').fill('Grace B. Shopper');
  await namePanel.getByRole('button', { name: 'Save name' }).click();
  await expect(namePanel.getByRole('status')).toContainText('saved');
  await expect(header(page)).toContainText('Grace B. Shopper');

  // Addresses.
  await page
    .getByRole('navigation', { name: 'Account' })
    .getByRole('link', { name: 'Addresses' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Addresses' })).toBeVisible();
  await expect(page.getByText('You haven’t saved any addresses yet.')).toBeVisible();

  const addresses = page.getByRole('list', { name: 'Addresses' });
  const addAddress = async (fields: {
    name: string;
    line1: string;
    postalCode: string;
    city: string;
    country: string;
  }) => {
    await page.getByRole('button', { name: 'Add address' }).click();
    const form = page.getByRole('form', { name: 'New address' });
    await form.getByLabel('Full name').fill(fields.name);
    await form.getByLabel('Street address').fill(fields.line1);
    await form.getByLabel('Postal code').fill(fields.postalCode);
    await form.getByLabel('City').fill(fields.city);
    await form.getByLabel('Country').selectOption(fields.country);
    await form.getByRole('button', { name: 'Add address' }).click();
    await expect(form).toHaveCount(0);
  };

  // A missing street address is a field error.
  await page.getByRole('button', { name: 'Add address' }).click();
  const newForm = page.getByRole('form', { name: 'New address' });
  await newForm.getByLabel('Full name').fill('Grace Shopper');
  await newForm.getByRole('button', { name: 'Add address' }).click();
  await expect(newForm.getByLabel('Street address')).toHaveAccessibleDescription(
    'Enter the street address',
  );
  await expect(newForm.getByLabel('Country')).toHaveAttribute('aria-invalid', 'true');
  await newForm.getByRole('button', { name: 'Cancel' }).click();

  await addAddress({
    name: 'Grace Shopper',
    line1: '1 Harbour Street',
    postalCode: '10115',
    city: 'Berlin',
    country: 'DE',
  });
  await addAddress({
    name: 'Grace at Work',
    line1: '99 Canal Road',
    postalCode: '1012 AB',
    city: 'Amsterdam',
    country: 'NL',
  });
  await expect(addresses.getByRole('listitem')).toHaveCount(2);
  const home = addresses.getByRole('listitem').filter({ hasText: '1 Harbour Street' });
  const work = addresses.getByRole('listitem').filter({ hasText: '99 Canal Road' });
  // The first address is offered as the default.
  await expect(home.getByText('Default', { exact: true })).toBeVisible();
  await expect(work.getByText('Default', { exact: true })).toHaveCount(0);

  await work.getByRole('button', { name: /^Make default/ }).click();
  await expect(work.getByText('Default', { exact: true })).toBeVisible();
  await expect(home.getByText('Default', { exact: true })).toHaveCount(0);
  // The default is listed first.
  await expect(addresses.getByRole('listitem').first()).toContainText('99 Canal Road');

  await home.getByRole('button', { name: /^Edit/ }).click();
  const editForm = page.getByRole('form', { name: 'Edit address' });
  await expect(editForm.getByLabel('Street address')).toHaveValue('1 Harbour Street');
  await editForm.getByLabel('City').fill('Potsdam');
  await editForm.getByLabel('Postal code').fill('14467');
  await editForm.getByRole('button', { name: 'Save address' }).click();
  await expect(main(page).getByRole('status')).toContainText('Address updated.');
  await expect(home).toContainText('14467 Potsdam');

  await home.getByRole('button', { name: /^Delete/ }).click();
  await home.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(addresses.getByRole('listitem')).toHaveCount(1);
  await expect(addresses).not.toContainText('1 Harbour Street');
  await page.reload();
  await expect(addresses.getByRole('listitem')).toHaveCount(1);
  await expect(addresses.getByRole('listitem').first()).toContainText('Default');

  // Security: another device signs in, then the password change signs it out.
  const otherDevice = await signedInContext(baseURL ?? '', { email, password: STRONG_PASSWORD });
  try {
    await page
      .getByRole('navigation', { name: 'Account' })
      .getByRole('link', { name: 'Security' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
    const sessions = page.getByRole('list', { name: 'Sessions' });
    await expect(sessions.getByRole('listitem')).toHaveCount(2);
    await expect(sessions.getByText('This device')).toHaveCount(1);
    await expect(sessions.getByRole('listitem').first()).toContainText('This device');
    await expect(sessions.getByRole('listitem').first()).toContainText('Last active');

    const passwordPanel = page.getByRole('region', { name: 'Password' });
    // A repeat that does not match is caught before anything is sent.
    const repeat = passwordPanel.getByLabel('Repeat new password');
    await passwordPanel.getByLabel('Current password').fill('not-my-password');
    await passwordPanel
      .getByLabel('New password', { exact: true })
      .fill('Saffron-Kettle-Glacier-19');
    await repeat.fill('Saffron-Kettle-Glacier-91');
    await passwordPanel.getByRole('button', { name: 'Change password' }).click();
    await expect(repeat).toHaveAttribute('aria-invalid', 'true');
    await expect(repeat).toHaveAccessibleDescription('The passwords don’t match');
    await expect(repeat).toBeFocused();

    await repeat.fill('Saffron-Kettle-Glacier-19');
    await passwordPanel.getByRole('button', { name: 'Change password' }).click();
    await expect(passwordPanel.getByRole('status')).toHaveCount(0);
    // Reported either next to the field or for the form, depending on how the API words it.
    await expect(
      passwordPanel
        .getByRole('alert')
        .filter({ hasText: /./ })
        .or(passwordPanel.locator('[aria-invalid="true"]'))
        .first(),
    ).toBeVisible();

    await passwordPanel.getByLabel('Current password').fill(STRONG_PASSWORD);
    await passwordPanel
      .getByLabel('New password', { exact: true })
      .fill('Saffron-Kettle-Glacier-19');
    await passwordPanel.getByLabel('Repeat new password').fill('Saffron-Kettle-Glacier-19');
    await passwordPanel.getByRole('button', { name: 'Change password' }).click();
    await expect(passwordPanel.getByRole('status')).toContainText(
      'Other devices have been signed out',
    );
    await expect(sessions.getByRole('listitem')).toHaveCount(1);
    await expect(sessions.getByRole('listitem').first()).toContainText('This device');
    await expect(page.getByRole('button', { name: 'Sign out everywhere else' })).toBeDisabled();

    // The other device's session is gone.
    const session = await otherDevice.get('/trpc/auth.session');
    const body = (await session.json()) as { result: { data: { json: { status: string } } } };
    expect(body.result.data.json.status).toBe('signed-out');
  } finally {
    await otherDevice.dispose();
  }

  // Sign out everywhere else.
  const third = await signedInContext(baseURL ?? '', {
    email,
    password: 'Saffron-Kettle-Glacier-19',
  });
  try {
    await page.reload();
    const sessions = page.getByRole('list', { name: 'Sessions' });
    await expect(sessions.getByRole('listitem')).toHaveCount(2);
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await expect(
      main(page).getByRole('status').filter({ hasText: 'Signed out of 1 other session' }),
    ).toBeVisible();
    await expect(sessions.getByRole('listitem')).toHaveCount(1);
  } finally {
    await third.dispose();
  }
});

test('staff are pointed from the account area to the admin', async ({ page }) => {
  await page.goto('/sign-in?next=%2Faccount');
  await signInWithForm(page, OWNER.email, OWNER.password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This area is for customers');
  await expect(page.getByRole('link', { name: 'Go to the admin' })).toHaveAttribute(
    'href',
    '/admin',
  );
  await expect(header(page).getByRole('link', { name: 'Admin' })).toBeVisible();
});

test('the dev mailbox is closed to anonymous callers', async ({ baseURL }) => {
  const api = await request.newContext({ baseURL: baseURL ?? '' });
  try {
    const res = await api.get('/trpc/admin.mailbox.list', {
      params: { input: JSON.stringify({ json: { limit: 1 } }) },
    });
    expect(res.status()).toBe(401);
    await expect(mutate(api, 'auth.signOut')).resolves.toEqual({ accepted: true });
  } finally {
    await api.dispose();
  }
});

test('pages refuse framing, and emailed-link pages never leak their token', async ({ request }) => {
  const home = await request.get('/');
  expect(home.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(home.headers()['x-frame-options']).toBe('DENY');
  for (const path of [
    '/reset-password?token=abcdefghijklmnopqrstuvwxyz234567',
    '/account/verify-email?token=abcdefghijklmnopqrstuvwxyz234567',
    '/admin/accept-invite?token=abcdefghijklmnopqrstuvwxyz234567',
  ]) {
    const res = await request.get(path);
    expect(res.headers()['referrer-policy'], path).toBe('no-referrer');
    expect(res.headers()['cache-control'], path).toContain('no-store');
  }
});
