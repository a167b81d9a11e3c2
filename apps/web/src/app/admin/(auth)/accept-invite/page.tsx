import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInviteForm } from '@/components/admin/accept-invite-form';
import { AuthShell } from '@/components/admin/auth-shell';
import { linkClass } from '@/components/ui/styles';

export const metadata: Metadata = { title: 'Accept invitation' };
export const dynamic = 'force-dynamic';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AcceptInvitePage({ searchParams }: Props) {
  const { token } = await searchParams;
  return (
    <AuthShell>
      {typeof token === 'string' && token !== '' ? (
        <AcceptInviteForm token={token} />
      ) : (
        <>
          <h1 className="font-semibold text-stone-900 text-xl">This link is incomplete</h1>
          <p className="mt-2 text-sm text-stone-600">
            Open the invitation link from your email again, or copy the whole link into the address
            bar. If it has expired, ask the person who invited you to send a new one.
          </p>
          <Link href="/admin/sign-in" className={`mt-6 inline-block text-sm ${linkClass}`}>
            Go to sign-in
          </Link>
        </>
      )}
    </AuthShell>
  );
}
