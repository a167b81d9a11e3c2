import type { Metadata } from 'next';
import { NoAccess } from '@/components/admin/no-access';
import { OrderList } from '@/components/admin/order-list';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';
import { adminOrderQuery } from './_lib/list-query';

export const metadata: Metadata = { title: 'Orders' };

export default async function AdminOrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'orders:read')) return <NoAccess title="Orders" />;
  const query = adminOrderQuery(await searchParams);
  await prefetch(getTRPC().admin.orders.list.queryOptions(query));
  return (
    <HydrateClient>
      <OrderList key={JSON.stringify(query)} query={query} />
    </HydrateClient>
  );
}
