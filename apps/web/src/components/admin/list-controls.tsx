import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClass } from '@/components/ui/styles';

/** A filter above an admin list: a small label over its control (whose id is `id`). */
export function FilterField({
  id,
  label,
  className,
  children,
}: {
  id: string;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-medium text-stone-600 text-xs">
        {label}
      </label>
      {children}
    </div>
  );
}

/**
 * Keyset paging under an admin list: back to the first page (once past it) and on to the next
 * (while there is one). Nothing when the list fits on one page.
 */
export function ListPagination({
  firstHref,
  nextHref,
}: {
  /** The first page's URL, or null on the first page. */
  firstHref: string | null;
  /** The next page's URL, or null on the last page. */
  nextHref: string | null;
}) {
  if (!firstHref && !nextHref) return null;
  return (
    <nav aria-label="Pagination" className="flex justify-between gap-3">
      {firstHref ? (
        <Link href={firstHref} className={buttonClass('secondary', 'sm')}>
          ← First page
        </Link>
      ) : (
        <span />
      )}
      {nextHref ? (
        <Link href={nextHref} className={buttonClass('secondary', 'sm')}>
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
