import type { Metadata } from 'next';
import { NoAccess } from '@/components/admin/no-access';
import { ProductList } from '@/components/admin/product-list';
import { adminProductQuery } from '@/lib/admin-products';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Products' };

export default async function AdminProductsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'catalog:write')) return <NoAccess title="Products" />;
  const query = adminProductQuery(await searchParams);
  const trpc = getTRPC();
  await Promise.all([
    prefetch(trpc.admin.catalog.products.list.queryOptions(query)),
    prefetch(trpc.catalog.categories.queryOptions({})),
  ]);
  return (
    <HydrateClient>
      <ProductList key={JSON.stringify(query)} query={query} />
    </HydrateClient>
  );
}
