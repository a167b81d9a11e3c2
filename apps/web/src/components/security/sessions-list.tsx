'use client';

import type { SessionSummary } from '@bazaar/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { DateTime } from '@/components/ui/date-time';
import { FormAlert, FormStatus } from '@/components/ui/messages';
import { formErrors } from '@/lib/form-errors';
import { revokedOthersMessage, sortSessions } from '@/lib/sessions';
import { useTRPC } from '@/trpc/react';

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
  sessions,
  loadError,
  signOutCurrentTo,
}: {
  sessions: readonly SessionSummary[] | undefined;
  loadError?: unknown;
  /** Offers to sign out this session too, then loads this page (e.g. the sign-in page). */
  signOutCurrentTo?: string;
}) {
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
    <Card
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
        <FormAlert message={error} />
        {sorted ? (
          <ul aria-label="Sessions" className="divide-y divide-stone-200">
            {sorted.map((session) => (
              <SessionRow
                key={session.id}
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
    </Card>
  );
}

function SessionRow({
  session,
  signOutTo,
  onRevoked,
}: {
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
          {session.current ? <Badge tone="brand">This device</Badge> : null}
        </p>
        <p className="text-sm text-stone-600">
          {session.ip ? <span>IP {session.ip} · </span> : null}
          Last active <DateTime value={session.lastSeenAt} />
        </p>
        <p className="text-stone-500 text-xs">
          Signed in <DateTime value={session.createdAt} />
        </p>
        <FormAlert message={revoke.isError ? failure(revoke.error) : null} />
      </div>
      {session.current && !signOutTo ? null : (
        <Button
          variant="secondary"
          size="sm"
          // Stays busy while the page is left after signing out this session.
          pending={revoke.isPending || (session.current && revoke.isSuccess)}
          onClick={() => revoke.mutate({ id: session.id })}
        >
          Sign out
          <span className="sr-only">
            {' '}
            {session.device}
            {session.current ? ' (this device)' : ''}
          </span>
        </Button>
      )}
    </li>
  );
}
