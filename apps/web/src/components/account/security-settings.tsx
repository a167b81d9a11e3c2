'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import { ChangePasswordForm } from '@/components/security/change-password-form';
import { SessionsList } from '@/components/security/sessions-list';
import { useTRPC } from '@/trpc/react';

export function SecuritySettings() {
  return (
    <div className="space-y-6">
      <ChangePasswordForm />
      <Sessions />
    </div>
  );
}

function Sessions() {
  const trpc = useTRPC();
  const { data: sessions } = useSuspenseQuery(trpc.account.sessions.list.queryOptions());
  return <SessionsList sessions={sessions} />;
}
