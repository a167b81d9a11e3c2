'use client';

import type { SessionState } from '@bazaar/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { errorCode, type FormErrors, fieldError, formErrors, NO_ERRORS } from '@/lib/form-errors';
import { adminNextPath } from '@/lib/next-path';
import { useTRPC } from '@/trpc/react';
import { Button, Field, FormAlert, StatusMessage, TotpCodeField, useFocusFirstError } from './form';

type Step = 'password' | 'second-factor';

function text(form: FormData, name: string) {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Where to go once signed in. A full page load, so the console's layout reads the new session
 * and nothing cached for the previous visitor survives.
 */
function go(state: SessionState, next: string) {
  if (state.status !== 'signed-in') return false;
  const target = state.user.twoFactorEnrolmentRequired
    ? '/admin/security/two-factor'
    : adminNextPath(next);
  window.location.assign(target);
  return true;
}

/** Staff sign-in: email and password, then (for staff with two-factor) a code. */
export function SignInForm({
  next,
  initialStep,
  notice,
}: {
  next: string;
  initialStep: Step;
  notice?: string | undefined;
}) {
  const [step, setStep] = useState<Step>(initialStep);
  const [message, setMessage] = useState(notice);
  return step === 'password' ? (
    <PasswordStep
      next={next}
      notice={message}
      onSecondFactor={() => {
        setMessage(undefined);
        setStep('second-factor');
      }}
    />
  ) : (
    <SecondFactorStep
      next={next}
      onRestart={(why) => {
        setMessage(why);
        setStep('password');
      }}
    />
  );
}

function PasswordStep({
  next,
  notice,
  onSecondFactor,
}: {
  next: string;
  notice?: string | undefined;
  onSecondFactor: () => void;
}) {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());
  useFocusFirstError(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors(NO_ERRORS);
    signIn.mutate(
      { email: text(form, 'email'), password: text(form, 'password') },
      {
        onSuccess: (state) => {
          if (state.status === 'pending-second-factor') onSecondFactor();
          else if (!go(state, next)) setErrors({ formError: 'Please try again.', fieldErrors: {} });
        },
        onError: (error) => setErrors(formErrors(error, { fields: ['email', 'password'] })),
      },
    );
  }

  const busy = signIn.isPending || (signIn.isSuccess && signIn.data.status === 'signed-in');
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <div>
        <h1 className="font-semibold text-stone-900 text-xl">Sign in to the admin</h1>
        <p className="mt-1 text-sm text-stone-600">For Bazaar staff.</p>
      </div>
      <StatusMessage message={notice} />
      <FormAlert message={errors.formError} />
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        error={fieldError(errors, 'email')}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={fieldError(errors, 'password')}
      />
      <Button type="submit" className="w-full" pending={busy} pendingLabel="Signing in…">
        Sign in
      </Button>
    </form>
  );
}

function SecondFactorStep({
  next,
  onRestart,
}: {
  next: string;
  onRestart: (why?: string) => void;
}) {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const [method, setMethod] = useState<'totp' | 'recovery-code'>('totp');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const complete = useMutation(trpc.auth.completeSecondFactor.mutationOptions());
  const signOut = useMutation(trpc.auth.signOut.mutationOptions());
  useFocusFirstError(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = text(new FormData(event.currentTarget), 'code');
    setErrors(NO_ERRORS);
    complete.mutate(
      method === 'totp' ? { method: 'totp', code } : { method: 'recovery-code', code },
      {
        onSuccess: (state) => {
          if (!go(state, next)) onRestart('Your sign-in expired. Please sign in again.');
        },
        onError: (error) => {
          // The password step has expired (or was never done): start again.
          if (errorCode(error) === 'UNAUTHORIZED' && !hasCodeError(error)) {
            onRestart('Your sign-in expired. Please sign in again.');
            return;
          }
          setErrors(formErrors(error, { fields: ['code'] }));
        },
      },
    );
  }

  const busy = complete.isPending || (complete.isSuccess && complete.data.status === 'signed-in');
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <div>
        <h1 className="font-semibold text-stone-900 text-xl">Two-factor authentication</h1>
        <p className="mt-1 text-sm text-stone-600">
          {method === 'totp'
            ? 'Enter the 6-digit code from your authenticator app.'
            : 'Enter one of the recovery codes you saved when you set up two-factor. Each code works once.'}
        </p>
      </div>
      <FormAlert message={errors.formError} />
      {method === 'totp' ? (
        <TotpCodeField key="totp" autoFocus error={fieldError(errors, 'code')} />
      ) : (
        <Field
          key="recovery"
          label="Recovery code"
          name="code"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="abcde-fghij"
          required
          autoFocus
          error={fieldError(errors, 'code')}
        />
      )}
      <Button type="submit" className="w-full" pending={busy} pendingLabel="Verifying…">
        Verify
      </Button>
      <div className="flex flex-wrap justify-between gap-3 text-sm">
        <button
          type="button"
          className="font-medium text-brand-700 underline-offset-2 hover:underline"
          onClick={() => {
            setErrors(NO_ERRORS);
            setMethod(method === 'totp' ? 'recovery-code' : 'totp');
          }}
        >
          {method === 'totp' ? 'Use a recovery code instead' : 'Use your authenticator app instead'}
        </button>
        <button
          type="button"
          className="text-stone-600 underline-offset-2 hover:underline"
          disabled={signOut.isPending}
          onClick={() => signOut.mutate(undefined, { onSettled: () => onRestart() })}
        >
          Start over
        </button>
      </div>
    </form>
  );
}

function hasCodeError(error: unknown) {
  return Object.keys(formErrors(error, { fields: ['code'] }).fieldErrors).length > 0;
}
