import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthShell } from '@/components/account/auth-shell';
import { ResetPasswordForm } from '@/components/account/password-reset-forms';
import { linkClass } from '@/components/ui/styles';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Choose a new password',
  robots: { index: false },
  // The token is in the URL: never send it to other sites.
  referrer: 'no-referrer',
};

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function ResetPasswordPage({ searchParams }: Props) {
  const { token } = await searchParams;

  if (typeof token !== 'string' || token.trim() === '') {
    return (
      <AuthShell
        title="This link is incomplete"
        description="Password reset links come with a code. Open the link from the email again, or request a new one."
      >
        <Link href="/forgot-password" className={linkClass}>
          Request a new link
        </Link>
      </AuthShell>
    );
  }

  return (
    <AuthShell
      title="Choose a new password"
      description="Pick a password you don’t use anywhere else."
    >
      <ResetPasswordForm token={token} />
    </AuthShell>
  );
}
