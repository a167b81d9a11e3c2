import type { Metadata } from 'next';
import { PageHeading } from '@/components/account/page-heading';
import { ProfileSettings } from '@/components/account/profile-settings';
import { HydrateClient } from '@/trpc/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Profile' };

/** The layout has already read (and cached) the session this page shows. */
export default function ProfilePage() {
  return (
    <HydrateClient>
      <PageHeading title="Profile">Your name and email address.</PageHeading>
      <ProfileSettings />
    </HydrateClient>
  );
}
