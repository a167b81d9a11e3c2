import type { Metadata } from 'next';
import { NoAccess } from '@/components/admin/no-access';
import { StaffManager } from '@/components/admin/staff-manager';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Staff' };

export default async function AdminStaffPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'staff:manage')) return <NoAccess title="Staff" />;
  const trpc = getTRPC();
  await Promise.all([
    prefetch(trpc.admin.staff.list.queryOptions()),
    prefetch(trpc.admin.roles.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <StaffManager currentUserId={user.id} />
    </HydrateClient>
  );
}
