'use client';

import type { SessionState } from '@bazaar/contracts';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useTransition } from 'react';
import { signInHref } from '@/lib/next-path';
import { useTRPC } from '@/trpc/react';
import { SessionKeepAlive } from './session-keep-alive';
import { useSessionChanged } from './use-session-changed';

const pill =
  'inline-flex items-center rounded-full px-3 py-1.5 font-medium text-sm transition-colors';

/** The header's account corner. The session comes from the server render of the header. */
export function HeaderAccount({ session }: { session: SessionState | null }) {
  const trpc = useTRPC();
  const pathname = usePathname();
  const sessionChanged = useSessionChanged();
  const [navigating, startTransition] = useTransition();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        const leaving = pathname.startsWith('/account') || pathname.startsWith('/admin');
        startTransition(() => sessionChanged(leaving ? '/' : undefined));
      },
    }),
  );

  if (session?.status !== 'signed-in') {
    const onAuthPage = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password'].some(
      (p) => pathname === p,
    );
    return (
      <Link
        href={onAuthPage ? '/sign-in' : signInHref(pathname)}
        className={`${pill} bg-stone-900 text-white hover:bg-brand-700`}
      >
        Sign in
      </Link>
    );
  }

  const { user } = session;
  const busy = signOut.isPending || navigating;
  return (
    <div className="flex items-center gap-1">
      <SessionKeepAlive />
      <span
        className="mr-2 hidden max-w-40 truncate text-sm text-stone-600 xl:inline"
        title={user.email}
      >
        <span className="sr-only">Signed in as </span>
        {user.name}
      </span>
      {user.kind === 'staff' ? (
        <Link href="/admin" className={`${pill} text-stone-700 hover:bg-stone-200/70`}>
          Admin
        </Link>
      ) : null}
      <Link
        href="/account"
        aria-current={pathname.startsWith('/account') ? 'page' : undefined}
        className={`${pill} text-stone-700 hover:bg-stone-200/70 aria-[current=page]:bg-stone-200/70 aria-[current=page]:text-stone-900`}
      >
        Account
      </Link>
      <button
        type="button"
        onClick={() => signOut.mutate()}
        disabled={busy}
        aria-busy={busy || undefined}
        className={`${pill} text-stone-700 ring-1 ring-stone-300 hover:bg-stone-200/70 disabled:opacity-60`}
      >
        Sign out
      </button>
      {signOut.isError ? (
        <span role="alert" className="sr-only">
          Signing out failed. Please try again.
        </span>
      ) : null}
    </div>
  );
}
