import Link from 'next/link';
import { emptyStateClass, linkClass } from '../ui/styles';

/** A page link whose cursor the API refused (tampered, or the catalogue changed since). */
export function ExpiredCursorNotice({ firstPageHref }: { firstPageHref: string }) {
  return (
    <div className={`${emptyStateClass} py-16`}>
      <p className="font-medium text-base text-stone-900">This page link has expired</p>
      <p className="mt-1">The catalogue has changed since it was made.</p>
      <Link href={firstPageHref} className={`mt-4 inline-block text-sm ${linkClass}`}>
        Back to first page
      </Link>
    </div>
  );
}
