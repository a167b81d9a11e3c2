import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/account/auth-shell';
import { getSessionState } from '@/components/account/session';
import { SignInForm } from '@/components/account/sign-in-form';
import { linkClass } from '@/components/ui/styles';
import { shopNextPath } from '@/lib/next-path';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Sign in',
  robots: { index: false },
};

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: Props) {
  const { next: rawNext } = await searchParams;
  const next = shopNextPath(rawNext);
  const session = await getSessionState();
  if (session.status === 'signed-in') {
    redirect(next ?? (session.user.kind === 'staff' ? '/admin' : '/account'));
  }
  const signUpHref = next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up';

  return (
    <AuthShell
      title="Sign in"
      description="Welcome back. Sign in to see your addresses and account settings."
      footer={
        <>
          New to Bazaar?{' '}
          <Link href={signUpHref} className={linkClass}>
            Create an account
          </Link>
        </>
      }
    >
      <SignInForm next={next} />
    </AuthShell>
  );
}
