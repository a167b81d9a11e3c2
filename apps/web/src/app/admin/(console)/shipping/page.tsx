import type { Metadata } from 'next';
import { NoAccess } from '@/components/admin/no-access';
import { ShippingMethods } from '@/components/admin/shipping-methods';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Shipping' };

export default async function ShippingPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'settings:write')) return <NoAccess title="Shipping" />;
  const trpc = getTRPC();
  await Promise.all([
    prefetch(trpc.admin.settings.shipping.list.queryOptions()),
    prefetch(trpc.catalog.currencies.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <ShippingMethods />
    </HydrateClient>
  );
}
