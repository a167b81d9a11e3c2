import Link from 'next/link';

export interface Crumb {
  label: string;
  href?: string;
}

/** The last crumb is the current page. */
export function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-500">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${item.label}-${item.href ?? ''}`} className="flex items-center gap-2">
              {last || !item.href ? (
                <span
                  aria-current={last ? 'page' : undefined}
                  className={last ? 'text-stone-800' : ''}
                >
                  {item.label}
                </span>
              ) : (
                <Link href={item.href} className="rounded-sm hover:text-brand-700 hover:underline">
                  {item.label}
                </Link>
              )}
              {last ? null : (
                <span aria-hidden="true" className="text-stone-300">
                  /
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
