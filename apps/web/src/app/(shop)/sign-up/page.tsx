import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AuthShell } from '@/components/account/auth-shell';
import { getSessionState } from '@/components/account/session';
import { SignUpForm } from '@/components/account/sign-up-form';
import { linkClass } from '@/components/ui/styles';
import { shopNextPath } from '@/lib/next-path';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Create an account',
  robots: { index: false },
};

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignUpPage({ searchParams }: Props) {
  const { next: rawNext } = await searchParams;
  const next = shopNextPath(rawNext);
  const session = await getSessionState();
  if (session.status === 'signed-in') redirect(next ?? '/account');
  const signInHref = next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in';

  return (
    <AuthShell
      title="Create an account"
      description="Save your addresses and check out faster next time."
      footer={
        <>
          Already have an account?{' '}
          <Link href={signInHref} className={linkClass}>
            Sign in
          </Link>
        </>
      }
    >
      <SignUpForm next={next} />
    </AuthShell>
  );
}
