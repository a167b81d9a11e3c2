import type { Metadata } from 'next';
import { ProfileSettings } from '@/components/account/profile-settings';
import { PageHeading } from '@/components/ui/page-heading';
import { HydrateClient } from '@/trpc/server';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = { title: 'Profile' };

/** The layout has already read (and cached) the session this page shows. */
export default function ProfilePage() {
  return (
    <HydrateClient>
      <PageHeading title="Profile" description="Your name and email address." />
      <ProfileSettings />
    </HydrateClient>
  );
}
