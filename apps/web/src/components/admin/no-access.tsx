import Link from 'next/link';
import { PageHeading } from '@/components/ui/page-heading';
import { linkClass, surfaceClass } from '@/components/ui/styles';

/** A console page the staff member's role does not cover. */
export function NoAccess({ title }: { title: string }) {
  return (
    <div className="max-w-xl space-y-3">
      <PageHeading title={title} />
      <div className={`${surfaceClass} p-6`}>
        <p className="font-medium text-stone-900">You don’t have access to this page</p>
        <p className="mt-1 text-sm text-stone-600">
          Your role doesn’t include it. Ask an Owner if you need it for your work.
        </p>
        <Link href="/admin" className={`mt-4 inline-block text-sm ${linkClass}`}>
          Back to the dashboard
        </Link>
      </div>
    </div>
  );
}
