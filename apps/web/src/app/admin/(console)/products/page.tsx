import type { Metadata } from 'next';
import { AdminPlaceholder } from '@/components/admin/admin-placeholder';
import { NoAccess } from '@/components/admin/no-access';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Products' };

export default async function AdminProductsPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'catalog:write')) return <NoAccess title="Products" />;
  return (
    <AdminPlaceholder
      title="Products"
      description="Create and edit products, variants, prices and stock."
    />
  );
}
