'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmailField } from '@/components/ui/field';
import { FormAlert, SuccessNotice } from '@/components/ui/messages';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import { buttonClass, linkClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { CONFIRMATION_FIELD, confirmationErrors } from '@/lib/new-password';
import { useTRPC } from '@/trpc/react';

export function ForgotPasswordForm() {
  const trpc = useTRPC();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { formRef, errors, field, setFromError, clear } = useFormErrors({ fields: ['email'] });
  const request = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onSuccess: (_data, input) => setSentTo(input.email.trim()),
      onError: setFromError,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { email = '' } = formValues(event.currentTarget);
    clear();
    request.mutate({ email });
  }

  if (sentTo !== null) {
    return (
      <div className="space-y-5">
        <SuccessNotice title="Check your email">
          If an account exists for <span className="break-all font-medium">{sentTo}</span>, we sent
          a link to reset your password. It works once and expires soon.
        </SuccessNotice>
        <p className="text-sm text-stone-600">
          No email after a few minutes? Check your spam folder, or{' '}
          <button
            type="button"
            onClick={() => {
              request.reset();
              setSentTo(null);
            }}
            className={linkClass}
          >
            try another address
          </button>
          .
        </p>
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      <EmailField error={field('email')} />
      <Button type="submit" pending={request.isPending} className="w-full">
        Send reset link
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  // `token` is not a field of this form: its errors ("This link is malformed") are form-level.
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['password', CONFIRMATION_FIELD],
  });
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions({ onError: setFromError }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const mismatch = confirmationErrors(values);
    if (mismatch) return setErrors(mismatch);
    clear();
    reset.mutate({ token, password: values.password ?? '' });
  }

  if (reset.isSuccess) {
    return (
      <div className="space-y-5">
        <SuccessNotice title="Your password has been changed">
          Sign in with your new password to continue.
        </SuccessNotice>
        <Link href="/sign-in" className={`${buttonClass('primary')} w-full`}>
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      <NewPasswordFields error={field('password')} confirmationError={field(CONFIRMATION_FIELD)} />
      <Button type="submit" pending={reset.isPending} className="w-full">
        Set new password
      </Button>
      {errors?.formError ? (
        <p className="text-sm text-stone-600">
          Link not working?{' '}
          <Link href="/forgot-password" className={linkClass}>
            Request a new one
          </Link>
          .
        </p>
      ) : null}
    </form>
  );
}
