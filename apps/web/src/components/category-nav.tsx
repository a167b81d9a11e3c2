'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { categoryTrail, topLevelCategories } from '@/lib/categories';
import { useTRPC } from '@/trpc/react';

/** Top-level categories in the shop header; marks the section being browsed. */
export function CategoryNav({ currency }: { currency: string }) {
  const trpc = useTRPC();
  const { data: categories } = useSuspenseQuery(trpc.catalog.categories.queryOptions({ currency }));
  const pathname = usePathname();
  const activeSlug = pathname.startsWith('/c/') ? decodeURIComponent(pathname.slice(3)) : null;
  const activeRoot = activeSlug ? categoryTrail(categories, activeSlug)[0] : undefined;

  return (
    // Below md the row spans the screen and scrolls sideways; the edge shadows show there is more.
    <nav
      aria-label="Categories"
      className="scroll-shadows-x -mx-4 snap-x scroll-px-4 overflow-x-auto overscroll-x-contain px-4 py-1 sm:-mx-6 sm:scroll-px-6 sm:px-6 md:mx-0 md:scroll-px-0 md:px-0"
    >
      <ul className="flex items-center gap-1 whitespace-nowrap">
        {topLevelCategories(categories).map((category) => {
          const current = category.slug === activeSlug;
          const inSection = activeRoot?.id === category.id;
          return (
            <li key={category.id} className="snap-start">
              <Link
                href={`/c/${category.slug}`}
                aria-current={current ? 'page' : inSection ? 'true' : undefined}
                className={`inline-flex rounded-full px-3 py-1.5 font-medium text-sm transition-colors ${
                  inSection
                    ? 'bg-stone-900 text-white'
                    : 'text-stone-600 hover:bg-stone-200/70 hover:text-stone-900'
                }`}
              >
                {category.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
