import type { BrowserContext, Page } from '@playwright/test';
import { OWNER, STRONG_PASSWORD, signUpCustomer, uniqueEmail } from './api';
import { expect, test } from './test';

/**
 * Every page works under the Content Security Policy that src/proxy.ts sends: nothing the
 * browser blocks (a blocked script would break hydration silently) and no `unsafe-inline` script.
 */

/** Collects CSP violations from every page of a browser context, across navigations. */
async function recordViolations(context: BrowserContext) {
  const violations: string[] = [];
  await context.exposeBinding('__reportCspViolation', ({ page }, text: string) => {
    violations.push(`${page.url()}: ${text}`);
  });
  // Init scripts are injected by the browser's devtools protocol, which CSP does not restrict.
  await context.addInitScript(() => {
    const report = (window as unknown as { __reportCspViolation(text: string): void })
      .__reportCspViolation;
    document.addEventListener('securitypolicyviolation', (event) => {
      report(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`);
    });
  });
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) {
        violations.push(`${page.url()}: console: ${message.text()}`);
      }
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  return violations;
}

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

test('pages send a strict CSP with a fresh nonce that every script of the page carries', async ({
  request,
}) => {
  const nonces = new Set<string>();
  for (const path of ['/', '/', '/sign-in', '/admin/sign-in', '/no/such/page']) {
    const res = await request.get(path);
    const policy = res.headers()['content-security-policy'] ?? '';
    const csp = directives(policy);
    const scriptSrc = csp.get('script-src') ?? [];
    expect(scriptSrc, path).toContain("'strict-dynamic'");
    expect(scriptSrc, path).not.toContain("'unsafe-inline'");
    expect(scriptSrc, path).not.toContain("'unsafe-eval'");
    expect(csp.get('default-src'), path).toEqual(["'self'"]);
    expect(csp.get('object-src'), path).toEqual(["'none'"]);
    expect(csp.get('base-uri'), path).toEqual(["'none'"]);
    expect(csp.get('form-action'), path).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
    // Stripe.js (the checkout's card form with Stripe): its frames and its API, nothing wider.
    expect(csp.get('frame-src'), path).toEqual([
      'https://js.stripe.com',
      'https://*.js.stripe.com',
      'https://hooks.stripe.com',
    ]);
    expect(csp.get('connect-src'), path).toEqual(["'self'", 'https://api.stripe.com']);

    const nonce = scriptSrc.find((s) => s.startsWith("'nonce-"))?.slice(7, -1) ?? '';
    expect(nonce.length, path).toBeGreaterThanOrEqual(22);
    nonces.add(nonce);

    // Next.js puts that nonce on each script it renders; a script without it would not run.
    const scripts = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);

    // Plain HTTP shop: no HSTS (it would lock browsers out of a shop without TLS).
    expect(res.headers()['strict-transport-security'], path).toBeUndefined();
    expect(res.headers()['x-frame-options'], path).toBe('DENY');
    expect(res.headers()['x-content-type-options'], path).toBe('nosniff');
  }
  expect(nonces.size, 'a new nonce for every response').toBe(5);
});

test('pages opened from emailed links keep no-referrer and no-store', async ({ request }) => {
  for (const path of ['/reset-password?token=x', '/account/verify-email?token=x']) {
    const res = await request.get(path);
    expect(res.headers()['referrer-policy'], path).toBe('no-referrer');
    expect(res.headers()['cache-control'], path).toContain('no-store');
    expect(res.headers()['content-security-policy'], path).toContain("'strict-dynamic'");
  }
});

test('the violation recorder sees an injected script being blocked', async ({
  browser,
  baseURL,
}) => {
  // Proves the checks below can fail: markup injected into a page (stored XSS, say) arrives with
  // the page's real CSP, and its script must neither run nor go unnoticed.
  const context = await browser.newContext();
  const violations = await recordViolations(context);
  const page = await context.newPage();
  await page.route(`${baseURL}/`, async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    const injected = html.replace('</body>', '<script>window.__injected = true</script></body>');
    await route.fulfill({ response, body: injected });
  });
  await page.goto('/');
  await expect.poll(() => violations.join('\n')).toContain('script-src');
  const ran = await page.evaluate(() => (window as { __injected?: boolean }).__injected);
  expect(ran).toBeUndefined();
  await context.close();
});

test('the shop works under its CSP: browse, sign up, sign in, account', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext();
  const violations = await recordViolations(context);
  const page = await context.newPage();

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Client-side navigation: home → category → product.
  await page
    .getByRole('region', { name: 'Shop by category' })
    .getByRole('heading', { level: 3 })
    .first()
    .click();
  await expect(page).toHaveURL(/\/c\/[a-z0-9-]+/);
  await page.getByRole('main').getByRole('heading', { level: 3 }).getByRole('link').first().click();
  await expect(page).toHaveURL(/\/p\/[a-z0-9-]+$/);
  await expect(page.getByRole('img').first()).toBeVisible();

  await page.goto('/sign-up');
  await expect(page.getByLabel('Name')).toBeVisible();

  const customer = { name: 'Csp Shopper', email: uniqueEmail('csp'), password: STRONG_PASSWORD };
  await signUpCustomer(baseURL ?? '', customer);
  await page.goto('/sign-in?next=/account');
  await page.getByLabel('Email').fill(customer.email);
  await page.getByLabel('Password', { exact: true }).fill(customer.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Profile' })).toBeVisible();

  const accountNav = page.getByRole('navigation', { name: 'Account' });
  await accountNav.getByRole('link', { name: 'Addresses' }).click();
  await expect(page).toHaveURL(/\/account\/addresses$/);
  await accountNav.getByRole('link', { name: 'Security' }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  expect(violations).toEqual([]);
  await context.close();
});

test('the admin works under its CSP: sign in and move between sections', async ({ browser }) => {
  const context = await browser.newContext();
  const violations = await recordViolations(context);
  const page = await context.newPage();

  await page.goto('/admin/sign-in');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/admin$/);

  const nav = page.getByRole('navigation', { name: 'Admin' });
  for (const [name, path] of [
    ['Staff', '/admin/staff'],
    ['Roles', '/admin/roles'],
    ['Mailbox', '/admin/mailbox'],
    ['Security', '/admin/security'],
  ] as const) {
    await nav.getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  expect(violations).toEqual([]);
  await context.close();
});
