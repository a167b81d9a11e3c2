import type { Metadata } from 'next';
import { NoAccess } from '@/components/admin/no-access';
import { TaxRates } from '@/components/admin/tax-rates';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Tax' };

export default async function TaxPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'settings:write')) return <NoAccess title="Tax" />;
  await prefetch(getTRPC().admin.settings.tax.list.queryOptions());
  return (
    <HydrateClient>
      <TaxRates />
    </HydrateClient>
  );
}
