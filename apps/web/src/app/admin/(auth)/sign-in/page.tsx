import type { SessionState } from '@bazaar/contracts';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/admin/auth-shell';
import { SignInForm } from '@/components/admin/sign-in-form';
import { adminNextPath } from '@/lib/next-path';
import { getSessionState } from '../../_lib/session';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const NOTICES: Record<string, string> = {
  invited: 'Your password is set. Sign in with your email address and new password.',
};

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const next = adminNextPath(params.next);
  let state: SessionState | null = null;
  try {
    state = await getSessionState();
  } catch {
    // The form works without knowing the current session (and this page stays up if the API is not).
  }
  if (state?.status === 'signed-in' && state.user.kind === 'staff') {
    redirect(state.user.twoFactorEnrolmentRequired ? '/admin/security/two-factor' : next);
  }
  const notice = typeof params.notice === 'string' ? NOTICES[params.notice] : undefined;

  return (
    <AuthShell>
      {state?.status === 'signed-in' ? (
        <p className="mb-6 rounded-lg bg-amber-50 px-4 py-3 text-amber-900 text-sm ring-1 ring-amber-200">
          You’re signed in to the shop as {state.user.email}. Signing in here with a staff account
          signs that account out.
        </p>
      ) : null}
      <SignInForm
        next={next}
        initialStep={state?.status === 'pending-second-factor' ? 'second-factor' : 'password'}
        notice={notice}
      />
    </AuthShell>
  );
}
