import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { OWNER, STRONG_PASSWORD, signUpCustomer, uniqueEmail, WEB_ORIGIN } from './api';
import { expect, test } from './test';

/** `?next=` values that once sent a signed-in visitor to another site (and a few more). */
const OFF_SITE = [
  '/.//evil.example',
  '/a/..//evil.example',
  '/%2e//evil.example',
  '/./%2Fevil.example',
  '/%252e//evil.example',
  '//evil.example/steal',
  '/\\evil.example',
  '/\t/evil.example',
  'https://evil.example',
];

/** Each payload as a browser would send it in a link: encoded, and typed in raw. */
function signInUrls(page: string, next: string) {
  return [`${page}?next=${encodeURIComponent(next)}`, `${page}?next=${next}`];
}

/** The redirect a signed-in visitor gets from `url`, resolved against the shop's origin. */
async function redirectTarget(request: APIRequestContext, url: string) {
  const res = await request.get(url, { maxRedirects: 0 });
  expect(res.status(), url).toBe(307);
  const location = res.headers().location ?? '';
  expect(location, url).not.toMatch(/^\s*[/\\]{2}/);
  return new URL(location, WEB_ORIGIN);
}

async function signInWithForm(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  return { page: await context.newPage(), close: () => context.close() };
}

test('the shop never sends anyone to another site after signing in', async ({
  browser,
  baseURL,
}) => {
  // Four full sign-ins in fresh browsers: about 20 s alone, more on a loaded CI machine.
  test.slow();
  const email = uniqueEmail('redirect');
  await signUpCustomer(baseURL ?? '', {
    name: 'Redirect Tester',
    email,
    password: STRONG_PASSWORD,
  });

  for (const next of OFF_SITE.slice(0, 4)) {
    const { page, close } = await freshPage(browser);
    try {
      await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
      // The page does not pass the target on (the way back it offers is dropped)…
      await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute(
        'href',
        '/sign-up',
      );
      // …and signing in ends on the shop.
      await signInWithForm(page, email, STRONG_PASSWORD);
      await expect(page, next).toHaveURL(`${WEB_ORIGIN}/account`);

      // Signed in, the sign-in and sign-up pages redirect, and only ever to the shop.
      if (next === OFF_SITE[0]) {
        for (const payload of OFF_SITE) {
          for (const url of [
            ...signInUrls('/sign-in', payload),
            ...signInUrls('/sign-up', payload),
          ]) {
            const target = await redirectTarget(page.request, url);
            expect(target.href, url).toBe(`${WEB_ORIGIN}/account`);
          }
        }
        // A path on the shop is still followed.
        const target = await redirectTarget(page.request, '/sign-in?next=%2Faccount%2Faddresses');
        expect(target.href).toBe(`${WEB_ORIGIN}/account/addresses`);
      }
    } finally {
      await close();
    }
  }
});

test('the admin only continues to admin pages after signing in', async ({ browser }) => {
  const { page, close } = await freshPage(browser);
  try {
    await page.goto(`/admin/sign-in?next=${encodeURIComponent('/admin/.//evil.example')}`);
    await signInWithForm(page, OWNER.email, OWNER.password);
    await expect(page).toHaveURL(`${WEB_ORIGIN}/admin`);

    for (const payload of [...OFF_SITE, ...OFF_SITE.map((p) => `/admin${p}`), '/account']) {
      for (const url of signInUrls('/admin/sign-in', payload)) {
        const target = await redirectTarget(page.request, url);
        expect(target.href, url).toBe(`${WEB_ORIGIN}/admin`);
      }
    }
    const target = await redirectTarget(page.request, '/admin/sign-in?next=%2Fadmin%2Fstaff');
    expect(target.href).toBe(`${WEB_ORIGIN}/admin/staff`);
  } finally {
    await close();
  }
});
