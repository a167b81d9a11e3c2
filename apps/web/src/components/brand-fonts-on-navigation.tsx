'use client';

import { usePathname } from 'next/navigation';
import { useLayoutEffect, useRef } from 'react';
import { FONTS_LATER_CLASS, FONTS_READY_ATTRIBUTE } from '@/lib/brand-fonts';

/**
 * On a first visit's page the brand fonts wait (src/lib/brand-fonts.ts); once their files are
 * cached they come in at the next page the visitor goes to, before it is painted.
 */
export function BrandFontsOnNavigation() {
  const pathname = usePathname();
  // The page the visitor arrived on; after the first navigation, none (coming back to it counts).
  const arrivedOn = useRef<string | null>(pathname);
  useLayoutEffect(() => {
    if (pathname === arrivedOn.current) return;
    arrivedOn.current = null;
    const html = document.documentElement;
    if (html.hasAttribute(FONTS_READY_ATTRIBUTE)) html.classList.remove(FONTS_LATER_CLASS);
  }, [pathname]);
  return null;
}
