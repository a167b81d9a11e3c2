'use client';

import { PASSWORD_MIN_LENGTH } from '@bazaar/contracts';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useRef, useState } from 'react';
import { type FormErrors, fieldError, formErrors, NO_ERRORS } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
import { Button, Field, FormAlert, useFocusFirstError } from './form';

/** An invited staff member chooses their password, then signs in. */
export function AcceptInviteForm({ token }: { token: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const accept = useMutation(trpc.auth.acceptInvite.mutationOptions());
  useFocusFirstError(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const confirm = String(form.get('confirmPassword') ?? '');
    if (password !== confirm) {
      setErrors({ fieldErrors: { confirmPassword: ['The passwords don’t match'] } });
      return;
    }
    setErrors(NO_ERRORS);
    accept.mutate(
      { token, password },
      {
        onSuccess: () => router.push('/admin/sign-in?notice=invited'),
        onError: (error) => setErrors(formErrors(error, { fields: ['password'] })),
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
      <FormAlert message={errors.formError} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`}
        error={fieldError(errors, 'password')}
      />
      <Field
        label="Confirm password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldError(errors, 'confirmPassword')}
      />
      <Button
        type="submit"
        className="w-full"
        pending={accept.isPending || accept.isSuccess}
        pendingLabel="Saving…"
      >
        Set password
      </Button>
    </form>
  );
}
