import type { Metadata } from 'next';
import Link from 'next/link';
import { NoAccess } from '@/components/admin/no-access';
import { PageHeader } from '@/components/admin/page-header';
import { PERMISSION_LABELS } from '@/lib/permissions';
import { getQueryClient, getTRPC } from '@/trpc/server';
import { getConsoleUser, hasPermission } from '../../_lib/session';

export const metadata: Metadata = { title: 'Roles' };

export default async function AdminRolesPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  if (!hasPermission(user, 'staff:manage')) return <NoAccess title="Roles" />;
  const roles = await getQueryClient().fetchQuery(getTRPC().admin.roles.list.queryOptions());

  return (
    <div className="space-y-8">
      <PageHeader
        title="Roles"
        description={
          <>
            What each role lets staff do. Give someone a role on the{' '}
            <Link href="/admin/staff" className="text-brand-700 underline">
              Staff
            </Link>{' '}
            page.
          </>
        }
      />
      <ul aria-label="Roles" className="grid gap-4 lg:grid-cols-2">
        {roles.map((role) => (
          <li key={role.id}>
            <article
              aria-labelledby={`role-${role.id}`}
              className="h-full rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-900/5"
            >
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 id={`role-${role.id}`} className="font-semibold text-lg text-stone-900">
                  {role.name}
                </h2>
                <p className="text-sm text-stone-500">
                  {role.memberCount} member{role.memberCount === 1 ? '' : 's'}
                </p>
              </div>
              {role.description ? (
                <p className="mt-1 text-sm text-stone-600">{role.description}</p>
              ) : null}
              {role.requiresTwoFactor ? (
                <p className="mt-3 inline-block rounded-full bg-amber-100 px-2.5 py-0.5 font-medium text-amber-900 text-xs">
                  Requires two-factor authentication
                </p>
              ) : null}
              <h3 className="mt-4 font-medium text-stone-500 text-xs uppercase tracking-wide">
                Permissions
              </h3>
              {role.permissions.length > 0 ? (
                <ul aria-label={`${role.name} permissions`} className="mt-2 space-y-1 text-sm">
                  {role.permissions.map((permission) => (
                    <li key={permission} className="flex flex-wrap items-baseline gap-x-2">
                      <span className="text-stone-900">{PERMISSION_LABELS[permission]}</span>
                      <code className="text-stone-500 text-xs">{permission}</code>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="mt-2 text-sm text-stone-500">No permissions.</p>
              )}
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}
