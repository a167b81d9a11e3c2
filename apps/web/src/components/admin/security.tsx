'use client';

import { PASSWORD_MIN_LENGTH, type SessionSummary } from '@bazaar/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTRPC } from '@/trpc/react';
import { DateTime } from './date-time';
import { Button, Field, FormAlert, StatusMessage, useFocusFirstError } from './form';
import { type FormErrors, NO_ERRORS, toFormErrors } from './form-errors';

const card = 'rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-900/5';

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [status, setStatus] = useState<string>();
  const changePassword = useMutation(trpc.account.changePassword.mutationOptions());
  useFocusFirstError(formRef, errors);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('confirmPassword') ?? '')) {
      setErrors({ fieldErrors: { confirmPassword: 'The new passwords don’t match' } });
      return;
    }
    setErrors(NO_ERRORS);
    setStatus(undefined);
    changePassword.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: async () => {
          formElement.reset();
          setStatus('Password changed. Your other sessions were signed out.');
          await queryClient.invalidateQueries(trpc.account.sessions.list.pathFilter());
        },
        onError: (error) => setErrors(toFormErrors(error, ['currentPassword', 'newPassword'])),
      },
    );
  }

  return (
    <section aria-labelledby={headingId} className={card}>
      <h2 id={headingId} className="font-semibold text-lg text-stone-900">
        Password
      </h2>
      <p className="mt-1 text-sm text-stone-600">
        Changing your password signs you out on every other device.
      </p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-5 max-w-sm space-y-4">
        <StatusMessage message={status} />
        <FormAlert message={errors.formError} />
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.fieldErrors.currentPassword}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
          error={errors.fieldErrors.newPassword}
        />
        <Field
          label="Confirm new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.fieldErrors.confirmPassword}
        />
        <Button type="submit" pending={changePassword.isPending} pendingLabel="Changing…">
          Change password
        </Button>
      </form>
    </section>
  );
}

function SessionRow({
  session,
  onRevoked,
}: {
  session: SessionSummary;
  onRevoked: (message: string) => Promise<void>;
}) {
  const trpc = useTRPC();
  const revoke = useMutation(trpc.account.sessions.revoke.mutationOptions());
  const [error, setError] = useState<string>();

  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-4">
      <div className="min-w-0 text-sm">
        <p className="font-medium text-stone-900">
          {session.device}
          {session.current ? (
            <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 font-medium text-emerald-900 text-xs">
              This device
            </span>
          ) : null}
        </p>
        <p className="mt-0.5 text-stone-600">
          {session.ip ? `${session.ip} · ` : null}Signed in <DateTime value={session.createdAt} /> ·
          Last active <DateTime value={session.lastSeenAt} />
        </p>
        {error ? (
          <p role="alert" className="mt-1 text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button
        variant="secondary"
        size="sm"
        pending={revoke.isPending || (session.current && revoke.isSuccess)}
        pendingLabel="Signing out…"
        onClick={() => {
          setError(undefined);
          revoke.mutate(
            { id: session.id },
            {
              onSuccess: async () => {
                if (session.current) window.location.assign('/admin/sign-in');
                else await onRevoked(`Signed out ${session.device}.`);
              },
              onError: (err) => setError(toFormErrors(err).formError),
            },
          );
        }}
      >
        {session.current ? 'Sign out' : 'Revoke'}
        <span className="sr-only">
          {' '}
          session on {session.device}
          {session.current ? ' (this device)' : ''}
        </span>
      </Button>
    </li>
  );
}

export function SessionList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const sessions = useQuery(trpc.account.sessions.list.queryOptions());
  const revokeOthers = useMutation(trpc.account.sessions.revokeOthers.mutationOptions());
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  async function refreshWith(message: string) {
    await queryClient.invalidateQueries(trpc.account.sessions.list.pathFilter());
    setStatus(message);
  }

  return (
    <section aria-labelledby={headingId} className={card}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={headingId} className="font-semibold text-lg text-stone-900">
            Sessions
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            Where you’re signed in. Revoke any you don’t recognise.
          </p>
        </div>
        {others > 0 ? (
          <Button
            variant="secondary"
            size="sm"
            pending={revokeOthers.isPending}
            pendingLabel="Signing out…"
            onClick={() => {
              setError(undefined);
              revokeOthers.mutate(undefined, {
                onSuccess: ({ revoked }) =>
                  refreshWith(`Signed out ${revoked} other session${revoked === 1 ? '' : 's'}.`),
                onError: (err) => setError(toFormErrors(err).formError),
              });
            }}
          >
            Sign out all other sessions
          </Button>
        ) : null}
      </div>
      <div className="mt-3 space-y-3">
        <StatusMessage message={status} />
        <FormAlert
          message={error ?? (sessions.error ? toFormErrors(sessions.error).formError : undefined)}
        />
      </div>
      {sessions.isPending ? <p className="mt-3 text-sm text-stone-500">Loading sessions…</p> : null}
      {sessions.data ? (
        <ul aria-label="Sessions" className="divide-y divide-stone-100">
          {sessions.data.map((session) => (
            <SessionRow key={session.id} session={session} onRevoked={refreshWith} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
