import type { Metadata } from 'next';
import { ApiKeyManager } from '@/components/admin/api-key-manager';
import { NoAccess } from '@/components/admin/no-access';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'API keys' };

export default async function AdminApiKeysPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'staff:manage')) return <NoAccess title="API keys" />;
  const trpc = getTRPC();
  await Promise.all([
    prefetch(trpc.admin.apiKeys.list.queryOptions()),
    prefetch(trpc.admin.roles.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <ApiKeyManager />
    </HydrateClient>
  );
}
