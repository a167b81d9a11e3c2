import type { Metadata } from 'next';
import { AddressBook } from '@/components/account/address-book';
import { PageHeading } from '@/components/account/page-heading';
import { isSignedInCustomer } from '@/components/account/session';
import { getTRPC, HydrateClient, prefetch } from '@/trpc/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Addresses' };

export default async function AddressesPage() {
  if (await isSignedInCustomer()) void prefetch(getTRPC().account.addresses.list.queryOptions());
  return (
    <HydrateClient>
      <PageHeading title="Addresses">Where we deliver your orders.</PageHeading>
      <AddressBook />
    </HydrateClient>
  );
}
