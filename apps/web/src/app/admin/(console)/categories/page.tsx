import type { Metadata } from 'next';
import { CategoryManager } from '@/components/admin/category-manager';
import { NoAccess } from '@/components/admin/no-access';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Categories' };

export default async function CategoriesPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'catalog:write')) return <NoAccess title="Categories" />;
  await prefetch(getTRPC().admin.catalog.categories.list.queryOptions());
  return (
    <HydrateClient>
      <CategoryManager />
    </HydrateClient>
  );
}
