import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { BrandFontsOnNavigation } from '@/components/brand-fonts-on-navigation';
import { env } from '@/env';
import { TRPCReactProvider } from '@/trpc/react';
import { fraunces, inter } from './fonts';
import './globals.css';

export const metadata: Metadata = {
  // Share tags and canonical links are written as paths; crawlers get them absolute.
  metadataBase: new URL(env.PUBLIC_URL),
  title: {
    template: '%s · Bazaar',
    default: 'Bazaar — well-made things for everyday life',
  },
  description:
    'Clothing, homeware, stationery and outdoor kit from independent makers. The Bazaar demo shop.',
  applicationName: 'Bazaar',
};

export const viewport: Viewport = {
  themeColor: '#fafaf9',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page carries a per-request CSP nonce (src/proxy.ts), so none can be prerendered.
  await connection();
  return (
    // The head's script may mark a first visit's page `fonts-later` before React hydrates it.
    <html lang="en" className={`${inter.variable} ${fraunces.variable}`} suppressHydrationWarning>
      <body className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only z-50 rounded-full bg-stone-900 px-4 py-2 font-medium text-sm text-white focus:not-sr-only focus:fixed focus:top-3 focus:left-3"
        >
          Skip to content
        </a>
        <TRPCReactProvider>{children}</TRPCReactProvider>
        <BrandFontsOnNavigation />
      </body>
    </html>
  );
}
