import type { Metadata } from 'next';
import { PageHeading } from '@/components/account/page-heading';
import { SecuritySettings } from '@/components/account/security-settings';
import { isSignedInCustomer } from '@/components/account/session';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Security' };

export default async function SecurityPage() {
  if (await isSignedInCustomer()) void prefetch(getTRPC().account.sessions.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeading title="Security">Your password and the devices you’re signed in on.</PageHeading>
      <SecuritySettings />
    </HydrateClient>
  );
}
