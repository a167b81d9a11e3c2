import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { NoAccess } from '@/components/admin/no-access';
import { OrderDetail } from '@/components/admin/order-detail';
import { getQueryClient, getTRPC, HydrateClient, trpcErrorCode } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../../_lib/session';

export const metadata: Metadata = { title: 'Order' };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'orders:read')) return <NoAccess title="Orders" />;
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  // Fetched (not prefetched) so a missing order is a 404 page; the client reads it from the cache
  // that the actions update with the order they answer.
  await getQueryClient()
    .fetchQuery(getTRPC().admin.orders.get.queryOptions({ id }))
    .catch((error: unknown) => {
      if (trpcErrorCode(error) === 'NOT_FOUND') notFound();
      throw error;
    });
  return (
    <HydrateClient>
      <OrderDetail id={id} canWrite={hasPermission(user, 'orders:write')} />
    </HydrateClient>
  );
}
