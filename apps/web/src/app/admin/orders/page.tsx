import type { Metadata } from 'next';
import { AdminPlaceholder } from '@/components/admin-placeholder';

export const metadata: Metadata = { title: 'Orders' };

export default function AdminOrdersPage() {
  return <AdminPlaceholder title="Orders" description="Review, fulfil and refund orders." />;
}
