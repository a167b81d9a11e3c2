import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeading } from '@/components/ui/page-heading';
import { linkClass, surfaceClass } from '@/components/ui/styles';
import { getQueryClient, getTRPC } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../_lib/session';

// The layout's title template only applies to child segments, so spell this one out.
export const metadata: Metadata = { title: { absolute: 'Dashboard · Bazaar Admin' } };

interface Stat {
  label: string;
  value: number | null;
  /** Where the figure's detail is, for those who may go there. */
  href?: string | undefined;
}

export default async function AdminDashboardPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  const orders = hasPermission(user, 'orders:read');
  // Today as the order list's date filters take it: a day in UTC.
  const today = new Date().toISOString().slice(0, 10);
  const [overview, ordersToday] = await Promise.all([
    getQueryClient().fetchQuery(getTRPC().admin.catalog.overview.queryOptions()),
    orders
      ? getQueryClient()
          .fetchQuery(
            getTRPC().admin.orders.list.queryOptions({ from: today, to: today, limit: 1 }),
          )
          .then((page) => page.total)
          // The dashboard still opens when the order list cannot answer.
          .catch(() => null)
      : null,
  ]);
  const catalog = hasPermission(user, 'catalog:write');
  const stats: Stat[] = [
    {
      label: 'Orders today',
      value: ordersToday,
      href: orders ? `/admin/orders?from=${today}&to=${today}` : undefined,
    },
    { label: 'Revenue this week', value: null },
    {
      label: 'Products live',
      value: overview.productsLive,
      href: catalog ? '/admin/products?status=active' : undefined,
    },
    {
      label: 'Low-stock variants',
      value: overview.lowStock,
      href: catalog ? '/admin/products?stock=low' : undefined,
    },
  ];
  return (
    <div className="space-y-8">
      <PageHeading
        title="Dashboard"
        description={`Welcome, ${user.name}. A summary of how the shop is doing.`}
      />
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {stats.map((stat) => (
          <li key={stat.label} className={`${surfaceClass} p-5`}>
            <p className="text-sm text-stone-600">{stat.label}</p>
            {stat.value === null ? (
              <p className="mt-2 font-semibold text-3xl text-stone-300">
                <span aria-hidden="true">—</span>
                <span className="sr-only">Not available yet</span>
              </p>
            ) : (
              <p className="mt-2 font-semibold text-3xl text-stone-900 tabular-nums">
                {stat.value.toLocaleString('en')}
              </p>
            )}
            {stat.href ? (
              <Link href={stat.href} className={`${linkClass} mt-2 inline-block text-sm`}>
                View
              </Link>
            ) : null}
          </li>
        ))}
      </ul>
      {overview.soldOut > 0 && catalog ? (
        <p className="text-sm text-stone-600">
          {overview.soldOut.toLocaleString('en')} live variants are sold out.{' '}
          <Link href="/admin/products?stock=out" className={linkClass}>
            See the products
          </Link>
        </p>
      ) : null}
    </div>
  );
}
