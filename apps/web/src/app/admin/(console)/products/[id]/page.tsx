import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { NoAccess } from '@/components/admin/no-access';
import { ProductEditor } from '@/components/admin/product-editor';
import { getQueryClient, getTRPC, trpcErrorCode } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../../_lib/session';

export const metadata: Metadata = { title: 'Edit product' };

export default async function EditProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'catalog:write')) return <NoAccess title="Products" />;
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const trpc = getTRPC();
  const queryClient = getQueryClient();
  const [product, settings, categories] = await Promise.all([
    queryClient
      .fetchQuery(trpc.admin.catalog.products.get.queryOptions({ id }))
      .catch((error: unknown) => {
        if (trpcErrorCode(error) === 'NOT_FOUND') notFound();
        throw error;
      }),
    queryClient.fetchQuery(trpc.admin.catalog.settings.queryOptions()),
    queryClient.fetchQuery(trpc.catalog.categories.queryOptions({})),
  ]);
  // Keyed by version: after someone else's save, a refresh loads their version into the form.
  return (
    <ProductEditor
      key={`${product.id}:${product.version}`}
      product={product}
      currencies={settings.currencies}
      categories={categories}
      justCreated={(await searchParams).created === '1'}
    />
  );
}
