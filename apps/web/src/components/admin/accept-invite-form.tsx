'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { FormAlert } from '@/components/ui/messages';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { CONFIRMATION_FIELD, confirmationErrors } from '@/lib/new-password';
import { useTRPC } from '@/trpc/react';

/** An invited staff member chooses their password, then signs in. */
export function AcceptInviteForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  // `token` is not a field of this form: its errors ("This link has expired") are form-level.
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['password', CONFIRMATION_FIELD],
  });
  const accept = useMutation(trpc.auth.acceptInvite.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const mismatch = confirmationErrors(values);
    if (mismatch) return setErrors(mismatch);
    clear();
    accept.mutate(
      { token, password: values.password ?? '' },
      {
        onSuccess: () => router.push('/admin/sign-in?notice=invited'),
        onError: setFromError,
      },
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <div>
        <h1 className="font-semibold text-stone-900 text-xl">Join the Bazaar admin</h1>
        <p className="mt-1 text-sm text-stone-600">
          You’ve been invited to the shop’s staff. Choose a password to finish setting up your
          account.
        </p>
      </div>
      <FormAlert message={errors?.formError} />
      <NewPasswordFields error={field('password')} confirmationError={field(CONFIRMATION_FIELD)} />
      <Button type="submit" className="w-full" pending={accept.isPending || accept.isSuccess}>
        Set password
      </Button>
    </form>
  );
}
