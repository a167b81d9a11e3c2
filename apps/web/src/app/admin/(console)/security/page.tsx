import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/admin/page-header';
import { ChangePasswordForm, SessionList } from '@/components/admin/security';
import { buttonClass } from '@/components/admin/styles';
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
      <section
        aria-labelledby="two-factor-heading"
        className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-stone-900/5"
      >
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 id="two-factor-heading" className="font-semibold text-lg text-stone-900">
              Two-factor authentication
            </h2>
            <p className="mt-1 text-sm text-stone-600">
              {user.twoFactorEnabled
                ? 'On. You sign in with your password and a code from your authenticator app.'
                : 'Off. Add a code from an authenticator app to your sign-in.'}
            </p>
          </div>
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
        </div>
        {user.twoFactorEnabled ? null : (
          <Link href="/admin/security/two-factor" className={`mt-4 ${buttonClass('primary')}`}>
            Set up two-factor authentication
          </Link>
        )}
      </section>
      <ChangePasswordForm />
      <HydrateClient>
        <SessionList />
      </HydrateClient>
    </div>
  );
}
