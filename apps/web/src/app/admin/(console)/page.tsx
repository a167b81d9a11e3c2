import type { Metadata } from 'next';
import { AdminPlaceholder } from '@/components/admin/admin-placeholder';
import { surfaceClass } from '@/components/ui/styles';
import { getConsoleUser } from '../_lib/session';

// The layout's title template only applies to child segments, so spell this one out.
export const metadata: Metadata = { title: { absolute: 'Dashboard · Bazaar Admin' } };

const STATS = ['Orders today', 'Revenue this week', 'Products live', 'Low-stock variants'];

export default async function AdminDashboardPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  return (
    <AdminPlaceholder
      title="Dashboard"
      description={`Welcome, ${user.name}. A summary of how the shop is doing.`}
    >
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {STATS.map((label) => (
          <li key={label} className={`${surfaceClass} p-5`}>
            <p className="text-sm text-stone-600">{label}</p>
            <p className="mt-2 font-semibold text-3xl text-stone-300">
              <span aria-hidden="true">—</span>
              <span className="sr-only">Not available yet</span>
            </p>
          </li>
        ))}
      </ul>
    </AdminPlaceholder>
  );
}
