import type { Metadata } from 'next';
import { MAILBOX_LIMIT, Mailbox } from '@/components/admin/mailbox';
import { NoAccess } from '@/components/admin/no-access';
import { PageHeading } from '@/components/ui/page-heading';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Mailbox' };

export default async function AdminMailboxPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'staff:manage')) return <NoAccess title="Mailbox" />;
  await prefetch(getTRPC().admin.mailbox.list.queryOptions({ limit: MAILBOX_LIMIT }));
  return (
    <div className="space-y-8">
      <PageHeading
        title="Mailbox"
        description="Email the shop would have sent. Without an SMTP server, messages wait here so you can follow their links while developing."
      />
      <HydrateClient>
        <Mailbox />
      </HydrateClient>
    </div>
  );
}
