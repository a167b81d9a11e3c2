'use client';

import { redirect, usePathname } from 'next/navigation';
import { signInHref } from '@/lib/next-path';

/**
 * Sends a signed-out visitor to sign in, coming back to this page afterwards. A client
 * component only because server layouts cannot know the path below them; `redirect()` during
 * render still answers the first request with an HTTP redirect.
 */
export function SignInRedirect(): never {
  const pathname = usePathname();
  redirect(signInHref(pathname));
}
