import type { ReactNode } from 'react';
import { PageHeading } from '@/components/ui/page-heading';
import { emptyStateClass } from '@/components/ui/styles';

/** The body of an admin section that has not been built yet. */
export function AdminPlaceholder({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children?: ReactNode;
}) {
  return (
    <div className="space-y-8">
      <PageHeading title={title} description={description} />
      {children}
      <div className={emptyStateClass}>
        <p className="font-medium text-base text-stone-900">Coming soon</p>
        <p className="mx-auto mt-1 max-w-md">This part of the admin is still being built.</p>
      </div>
    </div>
  );
}
