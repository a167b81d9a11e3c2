import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AccountNav } from '@/components/account/account-nav';
import { getSessionState, sessionQueryKey } from '@/components/account/session';
import { SignInRedirect } from '@/components/account/sign-in-redirect';
import { Container } from '@/components/container';
import { buttonClass, surfaceClass } from '@/components/ui/styles';
import { HydrateClient } from '@/trpc/server';

export const metadata: Metadata = {
  title: { template: '%s · Your account · Bazaar', default: 'Your account' },
  robots: { index: false },
};

/**
 * The customer account area. Signed-out visitors are sent to sign in (and back here after);
 * staff accounts are pointed to the admin. Pages still get 401s from the API if a session ends
 * while a page is open, since this layout does not re-render on navigation between its pages.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const session = await getSessionState();
  if (session.status !== 'signed-in') return <SignInRedirect />;
  const { user } = session;

  if (user.kind === 'staff') {
    return (
      <Container className="py-12 sm:py-16">
        <div className={`${surfaceClass} max-w-xl p-8`}>
          <h1 className="font-display font-semibold text-3xl text-stone-900 tracking-tight">
            This area is for customers
          </h1>
          <p className="mt-3 text-stone-600 leading-relaxed">
            You’re signed in with a staff account ({user.email}). Customer accounts keep their
            addresses and settings here; your own profile, password and sessions are managed in the
            admin.
          </p>
          <Link href="/admin" className={`${buttonClass('primary')} mt-6`}>
            Go to the admin
          </Link>
        </div>
      </Container>
    );
  }

  return (
    <HydrateClient only={[sessionQueryKey()]}>
      <Container className="py-10 sm:py-14">
        <div className="grid gap-8 lg:grid-cols-[13rem_minmax(0,1fr)] lg:gap-12">
          <div className="lg:pt-2">
            <p className="mb-3 hidden font-medium text-stone-500 text-xs uppercase tracking-widest lg:block">
              Your account
            </p>
            <AccountNav />
          </div>
          <div className="min-w-0 max-w-3xl space-y-8">{children}</div>
        </div>
      </Container>
    </HydrateClient>
  );
}
