'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PasswordField } from '@/components/ui/field';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { NewPasswordFields } from '@/components/ui/new-password-fields';
import { formValues, useFormErrors } from '@/components/ui/use-form-errors';
import { CONFIRMATION_FIELD, confirmationErrors } from '@/lib/new-password';
import { useTRPC } from '@/trpc/react';

/**
 * Changes the signed-in user's password (customers and staff alike); the API then signs out
 * every other session, so the sessions list is refreshed.
 */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['currentPassword', 'newPassword', CONFIRMATION_FIELD],
  });
  const change = useMutation(
    trpc.account.changePassword.mutationOptions({
      onSuccess: () => {
        setChanged(true);
        formRef.current?.reset();
        // Every other session was signed out.
        void queryClient.invalidateQueries({ queryKey: trpc.account.sessions.list.queryKey() });
      },
      onError: setFromError,
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = formValues(event.currentTarget);
    setChanged(false);
    const mismatch = confirmationErrors(values, 'newPassword');
    if (mismatch) return setErrors(mismatch);
    clear();
    change.mutate({
      currentPassword: values.currentPassword ?? '',
      newPassword: values.newPassword ?? '',
    });
  }

  return (
    <Card
      title="Password"
      description="Changing your password signs you out on every other device."
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
        <FormAlert message={errors?.formError} />
        <FormStatus
          message={
            changed ? 'Your password has been changed. Other devices have been signed out.' : null
          }
        />
        <div className="grid max-w-md gap-4">
          <PasswordField
            label="Current password"
            name="currentPassword"
            autoComplete="current-password"
            error={field('currentPassword')}
          />
          <NewPasswordFields
            name="newPassword"
            error={field('newPassword')}
            confirmationError={field(CONFIRMATION_FIELD)}
          />
        </div>
        <Button type="submit" pending={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
