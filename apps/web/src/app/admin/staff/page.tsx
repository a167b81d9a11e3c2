import type { Metadata } from 'next';
import { AdminPlaceholder } from '@/components/admin-placeholder';

export const metadata: Metadata = { title: 'Staff' };

export default function AdminStaffPage() {
  return (
    <AdminPlaceholder
      title="Staff"
      description="Invite staff and manage their roles and permissions."
    />
  );
}
