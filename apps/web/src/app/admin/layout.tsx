import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin-nav';

export const metadata: Metadata = {
  title: { template: '%s · Bazaar Admin', default: 'Bazaar Admin' },
  robots: { index: false, follow: false },
};

export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-1 flex-col bg-stone-100 md:flex-row">
      <aside className="shrink-0 bg-stone-900 text-white md:sticky md:top-0 md:h-dvh md:w-64">
        <div className="flex h-full flex-col gap-6 p-4 md:p-5">
          <Link
            href="/admin"
            className="flex items-center gap-2 rounded-md px-1 font-semibold text-lg"
          >
            <span
              aria-hidden="true"
              className="flex size-8 items-center justify-center rounded-lg bg-brand-600 font-display text-base"
            >
              B
            </span>
            Bazaar <span className="font-normal text-stone-400">Admin</span>
          </Link>
          <AdminNav />
          <Link
            href="/"
            className="mt-auto hidden rounded-lg px-3 py-2 text-sm text-stone-400 hover:bg-white/5 hover:text-white md:block"
          >
            ← View storefront
          </Link>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-between gap-3 border-stone-200 border-b bg-white px-6 py-4">
          <p className="text-sm text-stone-600">
            <span className="font-medium text-stone-900">Staff area.</span> Sign-in arrives with
            accounts.
          </p>
          <span className="rounded-full bg-amber-100 px-3 py-1 font-medium text-amber-900 text-xs">
            Preview
          </span>
        </header>
        <main id="main" tabIndex={-1} className="flex-1 p-6 focus:outline-none md:p-10">
          {children}
        </main>
      </div>
    </div>
  );
}
