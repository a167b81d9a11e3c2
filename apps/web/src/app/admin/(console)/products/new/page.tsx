import type { Metadata } from 'next';
import { NoAccess } from '@/components/admin/no-access';
import { ProductEditor } from '@/components/admin/product-editor';
import { getQueryClient, getTRPC } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../../_lib/session';

export const metadata: Metadata = { title: 'New product' };

export default async function NewProductPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'catalog:write')) return <NoAccess title="Products" />;
  const trpc = getTRPC();
  const queryClient = getQueryClient();
  const [settings, categories] = await Promise.all([
    queryClient.fetchQuery(trpc.admin.catalog.settings.queryOptions()),
    queryClient.fetchQuery(trpc.catalog.categories.queryOptions({})),
  ]);
  return <ProductEditor product={null} currencies={settings.currencies} categories={categories} />;
}
