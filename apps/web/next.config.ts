import type { NextConfig } from 'next';
import { env } from './src/env.ts';

const nextConfig: NextConfig = {
  // The contract package ships TypeScript source (with `.ts` import specifiers).
  transpilePackages: ['@bazaar/contracts'],
  poweredByHeader: false,
  // The browser only ever talks to this origin; the API stays behind these rewrites.
  // Note: rewrites are resolved at build time, so set API_URL for `next build` as well.
  async rewrites() {
    return [
      { source: '/trpc/:path*', destination: `${env.API_URL}/trpc/:path*` },
      { source: '/media/:path*', destination: `${env.API_URL}/media/:path*` },
    ];
  },
};

export default nextConfig;
