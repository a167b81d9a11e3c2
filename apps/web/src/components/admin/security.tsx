'use client';

import { useQuery } from '@tanstack/react-query';
import { SessionsList } from '@/components/security/sessions-list';
import { useTRPC } from '@/trpc/react';

/** The page prefetches the list; if that failed, it loads (or fails) here, in place. */
export function AdminSessionsList() {
  const trpc = useTRPC();
  const sessions = useQuery(trpc.account.sessions.list.queryOptions());
  return (
    <SessionsList
      sessions={sessions.data}
      loadError={sessions.error}
      signOutCurrentTo="/admin/sign-in"
    />
  );
}
