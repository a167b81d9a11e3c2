'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
import { linkClass } from './auth-shell';
import { Button, SuccessNotice } from './form-controls';
import { useSessionChanged } from './use-session-changed';

/**
 * Confirms the emailed token with a POST from the browser once the page has loaded (never during
 * server rendering, so link scanners that only fetch the page do not use the token up).
 */
export function VerifyEmail({ token, signedIn }: { token: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const sessionChanged = useSessionChanged();
  const verify = useMutation(
    trpc.auth.verifyEmail.mutationOptions({
      onSuccess: () => {
        void sessionChanged();
      },
    }),
  );
  const started = useRef(false);
  const { mutate } = verify;

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate({ token });
  }, [mutate, token]);

  if (verify.isSuccess) {
    return (
      <div className="space-y-6">
        <SuccessNotice title="Your email address is verified">
          Thanks — you’re all set.
        </SuccessNotice>
        <div className="flex flex-wrap gap-3">
          <Link
            href={signedIn ? '/account' : '/sign-in'}
            className="inline-flex rounded-full bg-stone-900 px-5 py-2.5 font-medium text-sm text-white shadow-sm hover:bg-brand-700"
          >
            {signedIn ? 'Go to your account' : 'Sign in'}
          </Link>
          <Link
            href="/"
            className="inline-flex rounded-full bg-white px-5 py-2.5 font-medium text-sm text-stone-800 shadow-sm ring-1 ring-stone-300 hover:bg-stone-100"
          >
            Continue shopping
          </Link>
        </div>
      </div>
    );
  }

  if (verify.isError) {
    // No fields on this page: a malformed token is reported with the form-level message.
    const message = formErrors(verify.error, { fields: [] }).formError;
    return (
      <div className="space-y-5">
        <div role="alert" className="rounded-xl bg-red-50 p-4 text-red-800 ring-1 ring-red-200">
          <p className="font-medium">We couldn’t verify your email</p>
          <p className="mt-1 text-sm">{message}</p>
        </div>
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <Button variant="secondary" onClick={() => verify.mutate({ token })}>
            Try again
          </Button>
          {signedIn ? (
            <Link href="/account" className={linkClass}>
              Send a new link from your account
            </Link>
          ) : (
            <Link href="/sign-in?next=%2Faccount" className={linkClass}>
              Sign in to send a new link
            </Link>
          )}
        </div>
      </div>
    );
  }

  return (
    <p role="status" className="flex items-center gap-3 text-stone-700">
      <span
        aria-hidden="true"
        className="size-4 animate-spin rounded-full border-2 border-stone-300 border-t-brand-600"
      />
      Verifying your email address…
    </p>
  );
}
