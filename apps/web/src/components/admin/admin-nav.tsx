'use client';

import type { Permission } from '@bazaar/contracts';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { isCurrentSection, visibleSections } from '@/lib/admin-sections';

/** The console's sections, limited to what the signed-in staff member's role allows. */
export function AdminNav({ permissions }: { permissions: readonly Permission[] }) {
  const pathname = usePathname();
  const sections = visibleSections(permissions);
  return (
    <nav aria-label="Admin">
      <ul className="flex gap-1 overflow-x-auto md:flex-col">
        {sections.map((section) => {
          const current = isCurrentSection(pathname, section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? 'page' : undefined}
                className={`flex items-center gap-3 whitespace-nowrap rounded-lg px-3 py-2 font-medium text-sm transition-colors ${
                  current
                    ? 'bg-white/10 text-white'
                    : 'text-stone-300 hover:bg-white/5 hover:text-white'
                }`}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 24 24"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.75"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                  className="size-4.5 shrink-0"
                >
                  <path d={section.icon} />
                </svg>
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
