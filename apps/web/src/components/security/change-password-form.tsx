'use client';

import { PASSWORD_MIN_LENGTH } from '@bazaar/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formValues, useFormErrors } from '@/components/account/use-form-errors';
import { useTRPC } from '@/trpc/react';
import { type SecurityVariant, securityUi } from './ui';

/**
 * Changes the signed-in user's password (customers and staff alike); the API then signs out
 * every other session, so the sessions list is refreshed.
 */
export function ChangePasswordForm({
  variant,
  confirmNewPassword = false,
}: {
  variant: SecurityVariant;
  /** Asks for the new password twice (checked here, before anything is sent). */
  confirmNewPassword?: boolean;
}) {
  const ui = securityUi[variant];
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  const { formRef, errors, field, setFromError, setErrors, clear } = useFormErrors({
    fields: ['currentPassword', 'newPassword'],
    focusAlert: ui.focusAlert,
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
    const {
      currentPassword = '',
      newPassword = '',
      confirmPassword = '',
    } = formValues(event.currentTarget);
    setChanged(false);
    if (confirmNewPassword && newPassword !== confirmPassword) {
      setErrors({ fieldErrors: { confirmPassword: ['The new passwords don’t match'] } });
      return;
    }
    clear();
    change.mutate({ currentPassword, newPassword });
  }

  return (
    <ui.Section
      title="Password"
      description="Changing your password signs you out on every other device."
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        <ui.Alert message={errors?.formError} />
        <ui.Status
          message={
            changed ? 'Your password has been changed. Other devices have been signed out.' : null
          }
        />
        <div className={ui.fieldsClass}>
          <ui.PasswordField
            label="Current password"
            name="currentPassword"
            autoComplete="current-password"
            error={field('currentPassword')}
          />
          <ui.PasswordField
            label="New password"
            name="newPassword"
            autoComplete="new-password"
            minLength={PASSWORD_MIN_LENGTH}
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            error={field('newPassword')}
          />
          {confirmNewPassword ? (
            <ui.PasswordField
              label="Confirm new password"
              name="confirmPassword"
              autoComplete="new-password"
              error={field('confirmPassword')}
            />
          ) : null}
        </div>
        <ui.Button intent="main" type="submit" pending={change.isPending} pendingLabel="Changing…">
          Change password
        </ui.Button>
      </form>
    </ui.Section>
  );
}
