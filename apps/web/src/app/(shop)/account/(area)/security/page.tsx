import type { Metadata } from 'next';
import { SecuritySettings } from '@/components/account/security-settings';
import { isSignedInCustomer } from '@/components/account/session';
import { PageHeading } from '@/components/ui/page-heading';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Security' };

export default async function SecurityPage() {
  if (await isSignedInCustomer()) void prefetch(getTRPC().account.sessions.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeading
        title="Security"
        description="Your password and the devices you’re signed in on."
      />
      <SecuritySettings />
    </HydrateClient>
  );
}
