import { CookieJar } from 'tough-cookie';

/**
 * A `fetch` that keeps cookies between calls as a browser does, for a program acting as a
 * customer from Node: the session, the guest cart and the trusted device are cookies.
 *
 *   const client = createClient({ url, fetch: fetchWithCookies() });
 *
 * Pass a `CookieJar` to share one between clients or to look inside it. Cookies follow the usual
 * rules (domain, path, expiry; `Secure` ones also over http to localhost). Not for browsers, which
 * keep cookies themselves; hence its own entry, `@bazaar/contracts/cookies`.
 */
export function fetchWithCookies(
  jar: CookieJar = new CookieJar(),
  base: typeof fetch = fetch,
): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = new Headers(init?.headers);
    const cookie = await jar.getCookieString(url);
    if (cookie) headers.set('cookie', cookie);
    const res = await base(input, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      await jar.setCookie(line, url, { ignoreError: true });
    }
    return res;
  };
}

export { CookieJar };
