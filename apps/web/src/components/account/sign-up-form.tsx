'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useTransition } from 'react';
import { shopNextPath } from '@/lib/next-path';
import { useTRPC } from '@/trpc/react';
import { Button, EmailField, FormAlert, NewPasswordField, TextField } from './form-controls';
import { formValues, useFormErrors } from './use-form-errors';
import { useSessionChanged } from './use-session-changed';

export function SignUpForm({ next }: { next: string | null }) {
  const trpc = useTRPC();
  const sessionChanged = useSessionChanged();
  const [navigating, startTransition] = useTransition();
  const { formRef, errors, field, setFromError, clear } = useFormErrors({
    fields: ['name', 'email', 'password'],
  });
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: () => startTransition(() => sessionChanged(shopNextPath(next) ?? '/account')),
      onError: setFromError,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { name = '', email = '', password = '' } = formValues(event.currentTarget);
    clear();
    signUp.mutate({ name, email, password });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={errors?.formError} />
      <TextField label="Name" name="name" autoComplete="name" error={field('name')} />
      <EmailField error={field('email')} />
      <NewPasswordField label="Password" error={field('password')} />
      <Button type="submit" pending={signUp.isPending || navigating} className="w-full">
        Create account
      </Button>
    </form>
  );
}
