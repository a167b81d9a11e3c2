import Link from 'next/link';
import { buttonClass } from '@/components/ui/styles';
import { AuthShell } from './auth-shell';
import { SignOutButton } from './sign-out-button';

/** What a signed-in customer sees instead of any admin page. */
export function StaffOnly({ email }: { email: string }) {
  return (
    <AuthShell>
      <p className="font-semibold text-brand-700 text-sm">403</p>
      <h1 className="mt-1 font-semibold text-stone-900 text-xl">Staff only</h1>
      <p className="mt-2 text-sm text-stone-600">
        You’re signed in as <span className="font-medium text-stone-900">{email}</span>, a customer
        account. The admin is only for Bazaar staff. To use it, sign out and sign in with a staff
        account.
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <SignOutButton variant="primary" />
        <Link href="/" className={buttonClass('secondary', 'sm')}>
          Back to the shop
        </Link>
      </div>
    </AuthShell>
  );
}
