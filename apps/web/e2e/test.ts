import { type Browser, type BrowserContext, test as base, type Page } from '@playwright/test';

/**
 * Playwright's `test`, failing any test in which a page it opened failed to hydrate.
 *
 * When the first client render differs from the server's HTML, React throws the page away and
 * renders it anew: anything typed meanwhile is lost, and nothing else shows it. This once made
 * checkout tests flaky for weeks (the cart count in the header, see cart-link.tsx). Every page of
 * every test, including those of contexts a test opens itself, is watched for it.
 */
export const test = base.extend<{ failOnHydrationError: boolean; hydrationGuard: undefined }>({
  // Off only for the test of the guard itself (hydration-guard.spec.ts).
  failOnHydrationError: [true, { option: true }],
  hydrationGuard: [
    async ({ browser, context, failOnHydrationError }, use, testInfo) => {
      const watch = watchHydration(browser, context);
      await use(undefined);
      const failures = watch.stop();
      if (failOnHydrationError && failures.length > 0 && testInfo.expectedStatus === 'passed') {
        throw new Error(`A page failed to hydrate:\n${failures.join('\n')}`);
      }
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';

/** Collects the hydration errors of `context`'s pages and of every context `browser` opens. */
export function watchHydration(browser: Browser, context: BrowserContext) {
  const failures: string[] = [];
  const watchPage = (page: Page) =>
    page.on('pageerror', (error) => {
      if (isHydrationError(error.message)) failures.push(`${page.url()}: ${error.message}`);
    });
  const watchContext = (c: BrowserContext) => {
    for (const page of c.pages()) watchPage(page);
    c.on('page', watchPage);
  };
  watchContext(context);
  browser.on('context', watchContext);
  return {
    failures,
    stop() {
      browser.off('context', watchContext);
      return failures;
    },
  };
}

/** React's hydration errors, as production builds word them (#418, #423, #425) or dev. */
export function isHydrationError(message: string) {
  return /Minified React error #(418|423|425)\b|Hydration failed|hydrat(ed|ion) .*(didn't|did not) match/i.test(
    message,
  );
}
