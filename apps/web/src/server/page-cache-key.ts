import type { IncomingHttpHeaders } from 'node:http';
import { getBotType } from 'next/dist/shared/lib/router/utils/is-bot.js';
import { CURRENCY_COOKIE } from '../lib/currency.ts';

/**
 * Which requests the page cache may answer, and under which key. A cached page is one rendering
 * shared by every visitor with the same key, so the key holds everything the HTML depends on:
 * the URL (path and query), the currency cookie, whether Next.js treats the visitor as a bot (it
 * resolves metadata before streaming for them), and the headers of client-side navigations (RSC
 * requests), which Next.js lists in its `Vary`. Everything per-visitor makes the request bypass.
 */

/** The storefront's public pages: the same for every anonymous visitor. */
const PUBLIC_PAGE = /^\/(?:|c\/[^/]+|p\/[^/]+|search)$/;

/** Request headers that change what Next.js renders for a page (its `Vary`, plus `next-url`). */
export const RSC_HEADERS = [
  'rsc',
  'next-router-state-tree',
  'next-router-prefetch',
  'next-router-segment-prefetch',
  'next-url',
] as const;

/**
 * Our cookies that do not change a public page: the currency (keyed), the sign-in device and the
 * guest cart (the header's cart count is fetched by the browser; nothing else of the cart is
 * rendered on the server). Renders for the cache never see them but the currency (page-fill.ts).
 */
const NEUTRAL_COOKIES = new Set([CURRENCY_COOKIE, 'bazaar_device', 'bazaar_cart']);
/** Next.js's draft mode renders unpublished content. */
const DRAFT_COOKIES = new Set(['__prerender_bypass', '__next_preview_data']);

export type CacheDecision =
  | { cacheable: true; key: string; currency: string | undefined }
  | { cacheable: false; reason: string };

export interface RequestLike {
  method?: string | undefined;
  url?: string | undefined;
  headers: IncomingHttpHeaders;
}

export function isPublicPagePath(pathname: string): boolean {
  return PUBLIC_PAGE.test(pathname);
}

export function pageCacheDecision(req: RequestLike): CacheDecision {
  if (req.method !== 'GET' && req.method !== 'HEAD') return skip('method');
  const url = req.url ?? '/';
  const pathname = url.split('?', 1)[0] ?? '/';
  if (!isPublicPagePath(pathname)) return skip('not a public page');
  if (req.headers.authorization) return skip('authorization');

  const cookies = parseCookies(req.headers.cookie);
  if (cookies === null) return skip('malformed cookies');
  let currency: string | undefined;
  for (const [name, value] of cookies) {
    const bare = name.replace(/^__(?:Host|Secure)-/, '');
    if (DRAFT_COOKIES.has(bare)) return skip('draft mode');
    if (bare === CURRENCY_COOKIE) {
      // One well-formed code, or the page's fallback could not be told from a typo's.
      if (currency !== undefined || !/^[A-Z]{3}$/.test(value)) return skip('currency cookie');
      currency = value;
    } else if (bare.startsWith('bazaar_') && !NEUTRAL_COOKIES.has(bare)) {
      // A session (the header shows who is signed in), or any cookie of ours added later: the
      // page may show it.
      return skip(`cookie ${bare}`);
    }
  }

  const rsc = RSC_HEADERS.map((name) => headerValue(req.headers[name]) ?? '');
  const bot = getBotType(headerValue(req.headers['user-agent']) ?? '') ?? 'browser';
  // JSON keeps the parts apart whatever characters they hold.
  const key = JSON.stringify([url, currency ?? '', bot, ...rsc]);
  return { cacheable: true, key, currency };
}

/** A request with a session may see a signed-in header: its pages are private. */
export function hasSessionCookie(cookieHeader: string | undefined): boolean {
  const cookies = parseCookies(cookieHeader);
  // Unparseable: assume the worst.
  if (cookies === null) return true;
  return cookies.some(([name]) => name.replace(/^__(?:Host|Secure)-/, '') === 'bazaar_session');
}

function skip(reason: string): CacheDecision {
  return { cacheable: false, reason };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `name=value` pairs of a Cookie header, or null when a pair has no name. */
function parseCookies(header: string | undefined): [string, string][] | null {
  if (!header) return [];
  const pairs: [string, string][] = [];
  for (const part of header.split(';')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim();
    if (name === '') return null;
    const raw = eq === -1 ? '' : part.slice(eq + 1).trim();
    pairs.push([name, raw.replace(/^"(.*)"$/, '$1')]);
  }
  return pairs;
}
