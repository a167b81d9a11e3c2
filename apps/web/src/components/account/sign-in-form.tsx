'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { EmailField, PasswordField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/messages';
import { linkClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { shopNextPath } from '@/lib/next-path';
import { useTRPC } from '@/trpc/react';
import { useSessionChanged } from './use-session-changed';

export function SignInForm({ next }: { next: string | null }) {
  const trpc = useTRPC();
  const sessionChanged = useSessionChanged();
  const [navigating, startTransition] = useTransition();
  const [secondFactorDue, setSecondFactorDue] = useState(false);
  const { formRef, errors, field, setFromError, clear } = useFormErrors({
    fields: ['email', 'password'],
  });
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (state) => {
        if (state.status === 'pending-second-factor') {
          // Staff with two-factor authentication finish signing in in the admin.
          setSecondFactorDue(true);
          startTransition(() => sessionChanged());
          return;
        }
        const fallback =
          state.status === 'signed-in' && state.user.kind === 'staff' ? '/admin' : '/account';
        startTransition(() => sessionChanged(shopNextPath(next) ?? fallback));
      },
      onError: setFromError,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { email = '', password = '' } = formValues(event.currentTarget);
    clear();
    signIn.mutate({ email, password });
  }

  if (secondFactorDue) {
    return (
      <div role="status" className="space-y-4 text-stone-700">
        <p>Your password is correct. This account also needs a code from your authenticator app.</p>
        <Link href="/admin/sign-in" className={linkClass}>
          Continue to the staff sign-in
        </Link>
      </div>
    );
  }

  const pending = signIn.isPending || navigating;
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      <EmailField error={field('email')} />
      <div>
        <PasswordField
          label="Password"
          name="password"
          autoComplete="current-password"
          error={field('password')}
        />
        <p className="mt-2 text-right text-sm">
          <Link href="/forgot-password" className={linkClass}>
            Forgot your password?
          </Link>
        </p>
      </div>
      <Button type="submit" pending={pending} className="w-full">
        Sign in
      </Button>
    </form>
  );
}
