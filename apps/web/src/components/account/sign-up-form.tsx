'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { EmailField, TextField } from '@/components/ui/field';
import { FormAlert } from '@/components/ui/messages';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { CONFIRMATION_FIELD, confirmationErrors } from '@/lib/new-password';
import { shopNextPath } from '@/lib/next-path';
import { useTRPC } from '@/trpc/react';
import { useSessionChanged } from './use-session-changed';

export function SignUpForm({ next }: { next: string | null }) {
  const trpc = useTRPC();
  const sessionChanged = useSessionChanged();
  const [navigating, startTransition] = useTransition();
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['name', 'email', 'password', CONFIRMATION_FIELD],
  });
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: () => startTransition(() => sessionChanged(shopNextPath(next) ?? '/account')),
      onError: setFromError,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    const mismatch = confirmationErrors(values);
    if (mismatch) return setErrors(mismatch);
    clear();
    signUp.mutate({
      name: values.name ?? '',
      email: values.email ?? '',
      password: values.password ?? '',
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      <TextField label="Name" name="name" autoComplete="name" error={field('name')} />
      <EmailField error={field('email')} />
      <NewPasswordFields
        label="Password"
        error={field('password')}
        confirmationError={field(CONFIRMATION_FIELD)}
      />
      <Button type="submit" pending={signUp.isPending || navigating} className="w-full">
        Create account
      </Button>
    </form>
  );
}
