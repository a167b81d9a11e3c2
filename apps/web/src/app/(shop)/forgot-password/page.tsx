import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthShell } from '@/components/account/auth-shell';
import { ForgotPasswordForm } from '@/components/account/password-reset-forms';
import { linkClass } from '@/components/ui/styles';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Forgot your password?',
  robots: { index: false },
};

export default function ForgotPasswordPage() {
  return (
    <AuthShell
      title="Forgot your password?"
      description="Enter the email address of your account and we’ll send you a link to choose a new password."
      footer={
        <>
          Remembered it?{' '}
          <Link href="/sign-in" className={linkClass}>
            Back to sign in
          </Link>
        </>
      }
    >
      <ForgotPasswordForm />
    </AuthShell>
  );
}
