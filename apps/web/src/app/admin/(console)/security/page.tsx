import type { Metadata } from 'next';
import Link from 'next/link';
import { Card } from '@/components/admin/card';
import { PageHeader } from '@/components/admin/page-header';
import { AdminSessionsList } from '@/components/admin/security';
import { buttonClass } from '@/components/admin/styles';
import { ChangePasswordForm } from '@/components/security/change-password-form';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser } from '../../_lib/session';

export const metadata: Metadata = { title: 'Security' };

export default async function AdminSecurityPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  await prefetch(getTRPC().account.sessions.list.queryOptions());
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader
        title="Security"
        description={
          <>
            Your password, two-factor authentication and sessions. Signed in as{' '}
            <span className="font-medium text-stone-900">{user.email}</span>.
          </>
        }
      />
      <Card
        title="Two-factor authentication"
        description={
          user.twoFactorEnabled
            ? 'On. You sign in with your password and a code from your authenticator app.'
            : 'Off. Add a code from an authenticator app to your sign-in.'
        }
        actions={
          <p>
            <span
              className={`rounded-full px-2.5 py-1 font-medium text-xs ${
                user.twoFactorEnabled
                  ? 'bg-emerald-100 text-emerald-900'
                  : 'bg-amber-100 text-amber-900'
              }`}
              data-testid="two-factor-status"
            >
              {user.twoFactorEnabled ? 'On' : 'Off'}
            </span>
          </p>
        }
      >
        {user.twoFactorEnabled ? null : (
          <Link href="/admin/security/two-factor" className={buttonClass('primary')}>
            Set up two-factor authentication
          </Link>
        )}
      </Card>
      <ChangePasswordForm variant="admin" confirmNewPassword />
      <HydrateClient>
        <AdminSessionsList />
      </HydrateClient>
    </div>
  );
}
