import type { MetadataRoute } from 'next';
import { env } from '@/env';

// Read at request time, so the Sitemap line follows the running server's PUBLIC_URL.
export const dynamic = 'force-dynamic';

/** Private and per-visitor pages, and the API behind the rewrites: nothing to index. */
const PRIVATE_PATHS = [
  '/admin',
  '/account',
  '/cart',
  '/checkout',
  '/orders',
  '/sign-in',
  '/sign-up',
  '/forgot-password',
  '/reset-password',
  '/currency',
  '/trpc/',
  '/files/',
  '/webhooks/',
];

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: PRIVATE_PATHS },
    sitemap: new URL('/sitemap.xml', env.PUBLIC_URL).href,
  };
}
