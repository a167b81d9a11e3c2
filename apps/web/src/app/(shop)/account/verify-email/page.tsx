import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthShell } from '@/components/account/auth-shell';
import { getSessionState } from '@/components/account/session';
import { VerifyEmail } from '@/components/account/verify-email';
import { linkClass } from '@/components/ui/styles';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Verify your email',
  robots: { index: false },
  referrer: 'no-referrer',
};

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Opened from the verification email; works signed in or not (the token is enough). */
export default async function VerifyEmailPage({ searchParams }: Props) {
  const { token } = await searchParams;
  const session = await getSessionState();
  const signedIn = session.status === 'signed-in';

  if (typeof token !== 'string' || token.trim() === '') {
    return (
      <AuthShell
        title="This link is incomplete"
        description="Verification links come with a code. Open the link from the email again."
      >
        <Link href={signedIn ? '/account' : '/sign-in?next=%2Faccount'} className={linkClass}>
          {signedIn ? 'Send a new link from your account' : 'Sign in to send a new link'}
        </Link>
      </AuthShell>
    );
  }

  return (
    <AuthShell title="Verify your email">
      <VerifyEmail token={token} signedIn={signedIn} />
    </AuthShell>
  );
}
