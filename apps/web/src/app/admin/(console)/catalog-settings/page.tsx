import type { Metadata } from 'next';
import { CatalogSettingsForm } from '@/components/admin/catalog-settings-form';
import { NoAccess } from '@/components/admin/no-access';
import { getQueryClient, getTRPC } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Catalog settings' };

export default async function CatalogSettingsPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'catalog:write')) return <NoAccess title="Catalog settings" />;
  const settings = await getQueryClient().fetchQuery(
    getTRPC().admin.catalog.settings.queryOptions(),
  );
  return <CatalogSettingsForm settings={settings} />;
}
