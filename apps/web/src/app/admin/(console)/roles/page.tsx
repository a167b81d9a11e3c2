import type { Metadata } from 'next';
import Link from 'next/link';
import { NoAccess } from '@/components/admin/no-access';
import { Badge } from '@/components/ui/badge';
import { PageHeading } from '@/components/ui/page-heading';
import { linkClass, surfaceClass } from '@/components/ui/styles';
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
      <PageHeading
        title="Roles"
        description={
          <>
            What each role lets staff do. Give someone a role on the{' '}
            <Link href="/admin/staff" className={linkClass}>
              Staff
            </Link>{' '}
            page.
          </>
        }
      />
      <ul aria-label="Roles" className="grid gap-4 lg:grid-cols-2">
        {roles.map((role) => (
          <li key={role.id}>
            <article aria-labelledby={`role-${role.id}`} className={`${surfaceClass} h-full p-6`}>
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
                <p className="mt-3">
                  <Badge tone="warning">Requires two-factor authentication</Badge>
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
