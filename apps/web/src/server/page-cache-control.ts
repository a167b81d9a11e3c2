import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasSessionCookie, isPublicPagePath } from './page-cache-key.ts';

/**
 * Browsers may keep public pages (so back/forward restores them from the bfcache, which
 * `no-store` forbids) but must ask again before reusing one. `private`: shared caches must not
 * keep a page, because its CSP nonce would then be the same for everyone.
 */
export const PUBLIC_PAGE_CACHE_CONTROL = 'private, no-cache';

/**
 * Next.js sends `private, no-cache, no-store, max-age=0, must-revalidate` for every dynamic page.
 * That stays for everything with private data: any page of a signed-in visitor (their name is in
 * the header), the account, cart, checkout, order, sign-in and admin pages, errors. Public pages
 * answered with 200 to a visitor without a session get `PUBLIC_PAGE_CACHE_CONTROL` instead.
 */
export function applyPageCacheControl(req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return;
  const pathname = (req.url ?? '/').split('?', 1)[0] ?? '/';
  if (!isPublicPagePath(pathname) || hasSessionCookie(req.headers.cookie)) return;
  const writeHead = res.writeHead;
  // Node's implicit headers (the first write) go through writeHead too.
  res.writeHead = function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
    const [status, ...rest] = args;
    if (status === 200) {
      this.setHeader('cache-control', PUBLIC_PAGE_CACHE_CONTROL);
      for (const headers of rest) {
        if (headers && typeof headers === 'object' && !Array.isArray(headers)) {
          for (const name of Object.keys(headers)) {
            if (name.toLowerCase() === 'cache-control') delete headers[name];
          }
        }
      }
    }
    return writeHead.apply(this, args);
  } as typeof writeHead;
}
