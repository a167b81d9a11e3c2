import Link from 'next/link';
import type { ReactNode } from 'react';
import { COMPACT_DENSITY, surfaceClass } from '@/components/ui/styles';

/** The admin's pages outside the console (sign-in, invitations, enrolment): one centred card. */
export function AuthShell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <div
      {...COMPACT_DENSITY}
      className="flex min-h-dvh flex-1 flex-col items-center bg-stone-100 px-4 py-10 sm:py-16"
    >
      <Link href="/admin" className="flex items-center gap-2 rounded-md px-1 font-semibold text-lg">
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-lg bg-brand-600 font-display text-base text-white"
        >
          B
        </span>
        Bazaar <span className="font-normal text-stone-500">Admin</span>
      </Link>
      <main
        id="main"
        tabIndex={-1}
        className={`${surfaceClass} mt-8 w-full p-6 focus:outline-none sm:p-8 ${
          wide ? 'max-w-2xl' : 'max-w-md'
        }`}
      >
        {children}
      </main>
      <Link href="/" className="mt-6 text-sm text-stone-500 hover:text-stone-900">
        ← Back to the shop
      </Link>
    </div>
  );
}
