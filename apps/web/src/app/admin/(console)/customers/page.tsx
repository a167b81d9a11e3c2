import type { Metadata } from 'next';
import { AdminPlaceholder } from '@/components/admin/admin-placeholder';
import { NoAccess } from '@/components/admin/no-access';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Customers' };

export default async function AdminCustomersPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'customers:read')) return <NoAccess title="Customers" />;
  return (
    <AdminPlaceholder title="Customers" description="Look up customers and their order history." />
  );
}
