import type { Metadata } from 'next';
import { AdminPlaceholder } from '@/components/admin-placeholder';

export const metadata: Metadata = { title: 'Products' };

export default function AdminProductsPage() {
  return (
    <AdminPlaceholder
      title="Products"
      description="Create and edit products, variants, prices and stock."
    />
  );
}
