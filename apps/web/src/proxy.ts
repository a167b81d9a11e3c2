import { type NextRequest, NextResponse } from 'next/server';
import { isHttps } from '@/env';
import { contentSecurityPolicy, createNonce } from '@/security/content-security-policy';

/**
 * Gives every page response its own Content Security Policy with a fresh nonce. Next.js reads
 * the nonce from the request's `Content-Security-Policy` header and puts it on the scripts it
 * renders, so pages must be rendered per request (the root layout opts in).
 */
export function proxy(request: NextRequest) {
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    dev: process.env.NODE_ENV === 'development',
    https: isHttps,
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not build assets, the icon, robots.txt, nor what is rewritten to the API.
      source:
        '/((?!_next/static|_next/image|trpc/|api/v1/|docs(?:/|$)|media/|icon\\.svg|robots\\.txt|sitemap\\.xml|sitemaps/).*)',
      // Prefetches are RSC payloads, which run no scripts of their own.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
