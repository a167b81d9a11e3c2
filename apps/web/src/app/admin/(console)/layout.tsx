import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { SignInRedirect } from '@/components/admin/sign-in-redirect';
import { SignOutButton } from '@/components/admin/sign-out-button';
import { StaffOnly } from '@/components/admin/staff-only';
import { Badge } from '@/components/ui/badge';
import { COMPACT_DENSITY } from '@/components/ui/styles';
import { getSessionState } from '../_lib/session';

export const dynamic = 'force-dynamic';

/**
 * The staff console. Only signed-in staff who have done any required two-factor enrolment get
 * past here: everyone else is sent to sign in, shown "Staff only", or sent to enrol.
 */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const state = await getSessionState();
  if (state.status !== 'signed-in') return <SignInRedirect />;
  const { user } = state;
  if (user.kind !== 'staff') return <StaffOnly email={user.email} />;
  if (user.twoFactorEnrolmentRequired) redirect('/admin/security/two-factor');

  return (
    <div {...COMPACT_DENSITY} className="flex min-h-dvh flex-1 flex-col bg-stone-100 md:flex-row">
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
          <AdminNav permissions={user.permissions} />
          <Link
            href="/"
            className="mt-auto hidden rounded-lg px-3 py-2 text-sm text-stone-400 hover:bg-white/5 hover:text-white md:block"
          >
            ← View storefront
          </Link>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-end gap-x-4 gap-y-2 border-stone-200 border-b bg-white px-6 py-3">
          <p className="flex flex-wrap items-center gap-x-2 text-sm text-stone-600">
            <span className="sr-only">Signed in as</span>
            <span className="font-medium text-stone-900" data-testid="staff-name">
              {user.name}
            </span>
            <Badge data-testid="staff-role">{user.role?.name ?? 'Staff'}</Badge>
          </p>
          <SignOutButton />
        </header>
        <main id="main" tabIndex={-1} className="flex-1 p-6 focus:outline-none md:p-10">
          {children}
        </main>
      </div>
    </div>
  );
}
