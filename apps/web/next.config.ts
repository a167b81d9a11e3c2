import type { NextConfig } from 'next';
import { env } from './src/env.ts';

const nextConfig: NextConfig = {
  // The contract package ships TypeScript source (with `.ts` import specifiers).
  transpilePackages: ['@bazaar/contracts'],
  poweredByHeader: false,
  // The browser only ever talks to this origin; the API stays behind these rewrites.
  // Note: rewrites are resolved at build time, so set API_URL for `next build` as well.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // No framing by other sites (clickjacking of sign-in, staff and account forms). Pages
          // get the full policy, with a nonce, from src/proxy.ts; this one covers the rest.
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
      {
        // Pages opened from emailed links carry a single-use token in the URL, and the order
        // confirmation the payment's client secret: never pass them on, never keep them.
        source: '/:page(reset-password|account/verify-email|admin/accept-invite|checkout/complete)',
        headers: [
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'Cache-Control', value: 'no-store' },
        ],
      },
    ];
  },
  async rewrites() {
    return [
      { source: '/trpc/:path*', destination: `${env.API_URL}/trpc/:path*` },
      { source: '/media/:path*', destination: `${env.API_URL}/media/:path*` },
      { source: '/files/:path*', destination: `${env.API_URL}/files/:path*` },
      // The REST routes, their OpenAPI document and the interactive docs (see the README).
      { source: '/api/v1/:path*', destination: `${env.API_URL}/api/v1/:path*` },
      { source: '/docs', destination: `${env.API_URL}/docs` },
      { source: '/docs/:path*', destination: `${env.API_URL}/docs/:path*` },
      // Streamed from the catalog by the API; the URLs in them are on this origin.
      { source: '/sitemap.xml', destination: `${env.API_URL}/sitemap.xml` },
      { source: '/sitemaps/:file', destination: `${env.API_URL}/sitemaps/:file` },
      // Payment providers call the shop's public origin.
      { source: '/webhooks/:path*', destination: `${env.API_URL}/webhooks/:path*` },
    ];
  },
};

export default nextConfig;
