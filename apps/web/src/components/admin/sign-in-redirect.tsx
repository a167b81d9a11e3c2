'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { linkClass } from '@/components/ui/styles';
import { adminSignInHref } from '@/lib/next-path';
import { AuthShell } from './auth-shell';

/**
 * Shown by the console to signed-out visitors: sends them to sign-in, remembering where they
 * were going (a layout cannot read the path on the server, the browser can).
 */
export function SignInRedirect() {
  const pathname = usePathname();
  const router = useRouter();
  useEffect(() => {
    router.replace(adminSignInHref(`${window.location.pathname}${window.location.search}`));
  }, [router]);
  return (
    <AuthShell>
      <h1 className="font-semibold text-stone-900 text-xl">Sign in required</h1>
      <p className="mt-2 text-sm text-stone-600">
        The admin is for Bazaar staff. Taking you to the sign-in page…
      </p>
      <Link href={adminSignInHref(pathname)} className={`mt-6 inline-block text-sm ${linkClass}`}>
        Sign in
      </Link>
    </AuthShell>
  );
}
