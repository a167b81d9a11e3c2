'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { ErrorNotice, SuccessNotice } from '@/components/ui/messages';
import { Spinner } from '@/components/ui/spinner';
import { buttonClass, linkClass } from '@/components/ui/styles';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
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
          <Link href={signedIn ? '/account' : '/sign-in'} className={buttonClass('primary')}>
            {signedIn ? 'Go to your account' : 'Sign in'}
          </Link>
          <Link href="/" className={buttonClass('secondary')}>
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
        <ErrorNotice title="We couldn’t verify your email">{message}</ErrorNotice>
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
      <Spinner className="size-4 text-brand-600" />
      Verifying your email address…
    </p>
  );
}
