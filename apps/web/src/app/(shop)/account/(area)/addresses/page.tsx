import type { Metadata } from 'next';
import { AddressBook } from '@/components/account/address-book';
import { isSignedInCustomer } from '@/components/account/session';
import { PageHeading } from '@/components/ui/page-heading';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Addresses' };

export default async function AddressesPage() {
  if (await isSignedInCustomer()) void prefetch(getTRPC().account.addresses.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeading title="Addresses" description="Where we deliver your orders." />
      <AddressBook />
    </HydrateClient>
  );
}
