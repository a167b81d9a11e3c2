'use client';

import type { SessionSummary } from '@bazaar/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formErrors } from '@/lib/form-errors';
import { revokedOthersMessage, sortSessions } from '@/lib/sessions';
import { useTRPC } from '@/trpc/react';
import { type SecurityUi, type SecurityVariant, securityUi } from './ui';

/** A failed call's message, for places that show one line rather than a form's errors. */
function failure(error: unknown) {
  return formErrors(error, { fields: [] }).formError;
}

/**
 * The signed-in user's sessions (device, IP, when last active), each of which can be signed out,
 * and a button to sign out all but this one. The caller loads `sessions`: the storefront with
 * suspense, the admin with a loading state and `loadError`.
 */
export function SessionsList({
  variant,
  sessions,
  loadError,
  signOutCurrentTo,
}: {
  variant: SecurityVariant;
  sessions: readonly SessionSummary[] | undefined;
  loadError?: unknown;
  /** Offers to sign out this session too, then loads this page (e.g. the sign-in page). */
  signOutCurrentTo?: string;
}) {
  const ui = securityUi[variant];
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.account.sessions.list.queryKey() });

  const revokeOthers = useMutation(
    trpc.account.sessions.revokeOthers.mutationOptions({
      onSuccess: ({ revoked }) => {
        setStatus(revokedOthersMessage(revoked));
        return refresh();
      },
    }),
  );
  const others = sessions?.filter((s) => !s.current).length ?? 0;
  // Current session first, then most recently active.
  const sorted = sessions ? sortSessions(sessions) : undefined;

  let error: string | undefined;
  if (revokeOthers.isError) error = failure(revokeOthers.error);
  else if (loadError) error = failure(loadError);

  return (
    <ui.Section
      title="Where you’re signed in"
      description="Sign out any session you don’t recognise, then change your password."
      actions={
        <ui.Button
          intent="secondary"
          size="sm"
          disabled={others === 0}
          pending={revokeOthers.isPending}
          pendingLabel="Signing out…"
          onClick={() => {
            setStatus(null);
            revokeOthers.mutate();
          }}
        >
          Sign out everywhere else
        </ui.Button>
      }
    >
      <div className="space-y-4">
        <ui.Status message={status} />
        <ui.Alert message={error} />
        {sorted ? (
          <ul aria-label="Sessions" className="divide-y divide-stone-200">
            {sorted.map((session) => (
              <SessionRow
                key={session.id}
                ui={ui}
                session={session}
                signOutTo={session.current ? signOutCurrentTo : undefined}
                onRevoked={() => {
                  setStatus(`Signed out ${session.device}.`);
                  return refresh();
                }}
              />
            ))}
          </ul>
        ) : loadError ? null : (
          <p className="text-sm text-stone-500">Loading sessions…</p>
        )}
      </div>
    </ui.Section>
  );
}

function SessionRow({
  ui,
  session,
  signOutTo,
  onRevoked,
}: {
  ui: SecurityUi;
  session: SessionSummary;
  /** For the current session: where to go once it is signed out (no button without it). */
  signOutTo: string | undefined;
  onRevoked: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const revoke = useMutation(
    trpc.account.sessions.revoke.mutationOptions({
      onSuccess: () => {
        if (!session.current) return onRevoked();
        // This session is over: a full page load, so nothing of it survives.
        if (signOutTo) window.location.assign(signOutTo);
      },
    }),
  );
  return (
    <li className="flex flex-wrap items-center justify-between gap-4 py-4 first:pt-0 last:pb-0">
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2 font-medium text-stone-900">
          {session.device}
          {session.current ? <span className={ui.badgeClass}>This device</span> : null}
        </p>
        <p className="text-sm text-stone-600">
          {session.ip ? <span>IP {session.ip} · </span> : null}
          Last active <ui.Time date={session.lastSeenAt} />
        </p>
        <p className="text-stone-500 text-xs">
          Signed in <ui.Time date={session.createdAt} />
        </p>
        {revoke.isError ? (
          <p role="alert" className="text-red-700 text-sm">
            {failure(revoke.error)}
          </p>
        ) : null}
      </div>
      {session.current && !signOutTo ? null : (
        <ui.Button
          intent="revoke"
          size="sm"
          // Stays busy while the page is left after signing out this session.
          pending={revoke.isPending || (session.current && revoke.isSuccess)}
          pendingLabel="Signing out…"
          onClick={() => revoke.mutate({ id: session.id })}
        >
          Sign out
          <span className="sr-only">
            {' '}
            {session.device}
            {session.current ? ' (this device)' : ''}
          </span>
        </ui.Button>
      )}
    </li>
  );
}
