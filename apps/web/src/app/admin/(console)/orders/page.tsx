import type { Metadata } from 'next';
import { AdminPlaceholder } from '@/components/admin/admin-placeholder';
import { NoAccess } from '@/components/admin/no-access';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Orders' };

export default async function AdminOrdersPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'orders:read')) return <NoAccess title="Orders" />;
  return <AdminPlaceholder title="Orders" description="Review, fulfil and refund orders." />;
}
