import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/admin/auth-shell';
import { SignOutButton } from '@/components/admin/sign-out-button';
import { StaffOnly } from '@/components/admin/staff-only';
import { TwoFactorEnrolment } from '@/components/admin/two-factor-enrolment';
import { getSessionState } from '../../../_lib/session';

export const metadata: Metadata = { title: 'Two-factor authentication' };
export const dynamic = 'force-dynamic';

const PATH = '/admin/security/two-factor';

/**
 * Enrolment in TOTP two-factor. Outside the console layout on purpose: staff whose role requires
 * two-factor are sent here by the console and may do nothing else until they have enrolled.
 */
export default async function TwoFactorPage() {
  const state = await getSessionState();
  if (state.status !== 'signed-in') redirect(`/admin/sign-in?next=${encodeURIComponent(PATH)}`);
  const { user } = state;
  if (user.kind !== 'staff') return <StaffOnly email={user.email} />;

  return (
    <AuthShell wide>
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 border-stone-200 border-b pb-4 text-sm text-stone-600">
        <p>
          Signed in as <span className="font-medium text-stone-900">{user.name}</span>
          {user.role ? ` · ${user.role.name}` : null}
        </p>
        <SignOutButton />
      </div>
      <TwoFactorEnrolment
        required={user.twoFactorEnrolmentRequired}
        enabled={user.twoFactorEnabled}
      />
    </AuthShell>
  );
}
