'use client';

import { PASSWORD_MIN_LENGTH } from '@bazaar/contracts';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { linkClass } from './auth-shell';
import { Button, FormAlert, TextField } from './form-controls';
import { formValues, useFormErrors } from './use-form-errors';

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
        <div
          role="status"
          className="rounded-xl bg-emerald-50 p-4 text-emerald-900 ring-1 ring-emerald-200"
        >
          <p className="font-medium">Check your email</p>
          <p className="mt-1 text-sm">
            If an account exists for <span className="break-all font-medium">{sentTo}</span>, we
            sent a link to reset your password. It works once and expires soon.
          </p>
        </div>
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
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        error={field('email')}
      />
      <Button type="submit" pending={request.isPending} className="w-full">
        Send reset link
      </Button>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const trpc = useTRPC();
  // `token` is not a field of this form: its errors ("This link is malformed") are form-level.
  const { formRef, errors, field, setFromError, clear } = useFormErrors({ fields: ['password'] });
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions({ onError: setFromError }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { password = '' } = formValues(event.currentTarget);
    clear();
    reset.mutate({ token, password });
  }

  if (reset.isSuccess) {
    return (
      <div className="space-y-5">
        <div
          role="status"
          className="rounded-xl bg-emerald-50 p-4 text-emerald-900 ring-1 ring-emerald-200"
        >
          <p className="font-medium">Your password has been changed</p>
          <p className="mt-1 text-sm">Sign in with your new password to continue.</p>
        </div>
        <Link
          href="/sign-in"
          className="inline-flex w-full justify-center rounded-full bg-stone-900 px-5 py-2.5 font-medium text-sm text-white shadow-sm hover:bg-brand-700"
        >
          Sign in
        </Link>
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`}
        error={field('password')}
      />
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
