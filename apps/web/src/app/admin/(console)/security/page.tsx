import type { Metadata } from 'next';
import Link from 'next/link';
import { AdminSessionsList } from '@/components/admin/security';
import { ChangePasswordForm } from '@/components/security/change-password-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeading } from '@/components/ui/page-heading';
import { buttonClass } from '@/components/ui/styles';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';
import { getConsoleUser } from '../../_lib/session';

export const metadata: Metadata = { title: 'Security' };

export default async function AdminSecurityPage() {
  const user = await getConsoleUser();
  if (!user) return null;
  await prefetch(getTRPC().account.sessions.list.queryOptions());
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeading
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
          <Badge
            tone={user.twoFactorEnabled ? 'success' : 'warning'}
            data-testid="two-factor-status"
          >
            {user.twoFactorEnabled ? 'On' : 'Off'}
          </Badge>
        }
      >
        {user.twoFactorEnabled ? null : (
          <Link href="/admin/security/two-factor" className={buttonClass('primary')}>
            Set up two-factor authentication
          </Link>
        )}
      </Card>
      <ChangePasswordForm />
      <HydrateClient>
        <AdminSessionsList />
      </HydrateClient>
    </div>
  );
}
