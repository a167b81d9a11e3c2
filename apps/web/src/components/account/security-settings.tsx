'use client';

import { PASSWORD_MIN_LENGTH, type SessionSummary } from '@bazaar/contracts';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formErrors } from '@/lib/form-errors';
import { useTRPC } from '@/trpc/react';
import { Button, FormAlert, FormStatus, Panel, TextField } from './form-controls';
import { LocalTime } from './local-time';
import { formValues, useFormErrors } from './use-form-errors';

export function SecuritySettings() {
  return (
    <div className="space-y-6">
      <ChangePasswordForm />
      <SessionList />
    </div>
  );
}

function ChangePasswordForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [changed, setChanged] = useState(false);
  const { formRef, errors, field, setFromError, clear } = useFormErrors({
    fields: ['currentPassword', 'newPassword'],
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
    const { currentPassword = '', newPassword = '' } = formValues(event.currentTarget);
    clear();
    setChanged(false);
    change.mutate({ currentPassword, newPassword });
  }

  return (
    <Panel
      title="Password"
      description="Changing your password signs you out on every other device."
    >
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
        <FormAlert message={errors?.formError} />
        <FormStatus
          message={
            changed ? 'Your password has been changed. Other devices have been signed out.' : null
          }
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Current password"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            error={field('currentPassword')}
          />
          <TextField
            label="New password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            error={field('newPassword')}
          />
        </div>
        <Button type="submit" pending={change.isPending}>
          Change password
        </Button>
      </form>
    </Panel>
  );
}

function SessionList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: sessions } = useSuspenseQuery(trpc.account.sessions.list.queryOptions());
  const [status, setStatus] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.account.sessions.list.queryKey() });

  const revokeOthers = useMutation(
    trpc.account.sessions.revokeOthers.mutationOptions({
      onSuccess: ({ revoked }) => {
        setStatus(
          revoked === 0
            ? 'There were no other sessions to sign out.'
            : `Signed out of ${revoked} other ${revoked === 1 ? 'session' : 'sessions'}.`,
        );
        return refresh();
      },
    }),
  );
  const others = sessions.filter((s) => !s.current).length;
  // Current session first, then most recently active.
  const sorted = [...sessions].sort(
    (a, b) =>
      Number(b.current) - Number(a.current) || b.lastSeenAt.getTime() - a.lastSeenAt.getTime(),
  );

  return (
    <Panel
      title="Where you’re signed in"
      description="Sign out any session you don’t recognise, then change your password."
      actions={
        <Button
          variant="secondary"
          size="sm"
          disabled={others === 0}
          pending={revokeOthers.isPending}
          onClick={() => {
            setStatus(null);
            revokeOthers.mutate();
          }}
        >
          Sign out everywhere else
        </Button>
      }
    >
      <div className="space-y-4">
        <FormStatus message={status} />
        <FormAlert
          message={
            revokeOthers.isError
              ? formErrors(revokeOthers.error, { fields: [] }).formError
              : undefined
          }
        />
        <ul aria-label="Sessions" className="divide-y divide-stone-200">
          {sorted.map((session) => (
            <SessionRow
              key={session.id}
              session={session}
              onRevoked={() => {
                setStatus(`Signed out ${session.device}.`);
                return refresh();
              }}
            />
          ))}
        </ul>
      </div>
    </Panel>
  );
}

function SessionRow({
  session,
  onRevoked,
}: {
  session: SessionSummary;
  onRevoked: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const revoke = useMutation(
    trpc.account.sessions.revoke.mutationOptions({ onSuccess: onRevoked }),
  );
  return (
    <li className="flex flex-wrap items-center justify-between gap-4 py-4 first:pt-0 last:pb-0">
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2 font-medium text-stone-900">
          {session.device}
          {session.current ? (
            <span className="rounded-full bg-brand-100 px-2.5 py-0.5 font-medium text-brand-800 text-xs">
              This device
            </span>
          ) : null}
        </p>
        <p className="text-sm text-stone-600">
          {session.ip ? <span>IP {session.ip} · </span> : null}
          Last active <LocalTime date={session.lastSeenAt} />
        </p>
        <p className="text-stone-500 text-xs">
          Signed in <LocalTime date={session.createdAt} />
        </p>
        {revoke.isError ? (
          <p role="alert" className="text-red-700 text-sm">
            {formErrors(revoke.error, { fields: [] }).formError}
          </p>
        ) : null}
      </div>
      {session.current ? null : (
        <Button
          variant="danger"
          size="sm"
          pending={revoke.isPending}
          onClick={() => revoke.mutate({ id: session.id })}
        >
          Sign out<span className="sr-only"> {session.device}</span>
        </Button>
      )}
    </li>
  );
}
