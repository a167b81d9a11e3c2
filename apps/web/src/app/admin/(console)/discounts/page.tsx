import type { Metadata } from 'next';
import { DiscountCodes } from '@/components/admin/discount-codes';
import { NoAccess } from '@/components/admin/no-access';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Discounts' };

export default async function DiscountsPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'settings:write')) return <NoAccess title="Discounts" />;
  const trpc = getTRPC();
  await Promise.all([
    prefetch(trpc.admin.settings.discounts.list.queryOptions()),
    prefetch(trpc.catalog.currencies.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <DiscountCodes />
    </HydrateClient>
  );
}
