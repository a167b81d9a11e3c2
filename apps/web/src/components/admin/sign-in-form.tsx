'use client';

import type { SessionState } from '@bazaar/contracts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { EmailField, PasswordField, TextField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { linkClass } from '@/components/ui/styles';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { errorCode, formErrors } from '@/lib/form-errors';
import { adminNextPath } from '@/lib/next-path';
import { useTRPC } from '@/trpc/react';
import { TotpCodeField } from './totp-code-field';

type Step = 'password' | 'second-factor';

const EXPIRED = 'Your sign-in expired. Please sign in again.';

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
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['email', 'password'],
  });
  const signIn = useMutation(trpc.auth.signIn.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { email = '', password = '' } = formValues(event.currentTarget);
    clear();
    signIn.mutate(
      { email, password },
      {
        onSuccess: (state) => {
          if (state.status === 'pending-second-factor') onSecondFactor();
          else if (!go(state, next)) setErrors({ formError: 'Please try again.', fieldErrors: {} });
        },
        onError: setFromError,
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
      <FormStatus message={notice} />
      <FormAlert message={errors?.formError} />
      <EmailField autoComplete="username" required error={field('email')} />
      <PasswordField
        label="Password"
        name="password"
        autoComplete="current-password"
        required
        error={field('password')}
      />
      <Button type="submit" className="w-full" pending={busy}>
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
  const [method, setMethod] = useState<'totp' | 'recovery-code'>('totp');
  const { formRef, errors, field, setFromError, clear } = useFormErrors({ fields: ['code'] });
  const complete = useMutation(trpc.auth.completeSecondFactor.mutationOptions());
  const signOut = useMutation(trpc.auth.signOut.mutationOptions());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { code = '' } = formValues(event.currentTarget);
    clear();
    complete.mutate(
      method === 'totp' ? { method: 'totp', code } : { method: 'recovery-code', code },
      {
        onSuccess: (state) => {
          if (!go(state, next)) onRestart(EXPIRED);
        },
        onError: (error) => {
          // The password step has expired (or was never done): start again.
          if (errorCode(error) === 'UNAUTHORIZED' && !hasCodeError(error)) {
            onRestart(EXPIRED);
            return;
          }
          setFromError(error);
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
      <FormAlert message={errors?.formError} />
      {method === 'totp' ? (
        <TotpCodeField key="totp" autoFocus error={field('code')} />
      ) : (
        <TextField
          key="recovery"
          label="Recovery code"
          name="code"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          placeholder="abcde-fghij"
          required
          autoFocus
          error={field('code')}
        />
      )}
      <Button type="submit" className="w-full" pending={busy}>
        Verify
      </Button>
      <div className="flex flex-wrap justify-between gap-3 text-sm">
        <button
          type="button"
          className={linkClass}
          onClick={() => {
            clear();
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
