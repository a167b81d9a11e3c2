'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  type ComponentProps,
  createContext,
  type MouseEvent,
  type ReactNode,
  use,
  useOptimistic,
  useTransition,
} from 'react';
import { type ListingState, listingHref } from '@/lib/listing-params';

interface ListingNavigation {
  /** What the controls show: the state being navigated to while a change loads. */
  state: ListingState;
  currency: string;
  /** A change is loading; the results on screen are the previous ones. */
  pending: boolean;
  href: (state: ListingState, path?: string) => string;
  /**
   * Goes to a state of the listing (or of another listing, by `path`). The page stays as it is
   * (no scroll, no fallback) until the new results arrive, while the controls already show it.
   */
  navigate: (state: ListingState, options?: { path?: string; scroll?: boolean }) => void;
}

const ListingNavigationContext = createContext<ListingNavigation | null>(null);

export function ListingNavigationProvider({
  path,
  state,
  currency,
  children,
}: {
  path: string;
  state: ListingState;
  currency: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [shown, showState] = useOptimistic(state);
  const href = (next: ListingState, to = path) => listingHref(to, next, currency);
  const navigate: ListingNavigation['navigate'] = (next, options = {}) => {
    startTransition(() => {
      if ((options.path ?? path) === path) showState(next);
      router.push(href(next, options.path), { scroll: options.scroll ?? false });
    });
  };
  return (
    <ListingNavigationContext value={{ state: shown, currency, pending, href, navigate }}>
      {children}
    </ListingNavigationContext>
  );
}

export function useListingNavigation(): ListingNavigation {
  const value = use(ListingNavigationContext);
  if (!value) throw new Error('useListingNavigation needs a ListingNavigationProvider');
  return value;
}

/**
 * A link to another state of the listing: a real link (new tab, no script), and a click that
 * navigates like the filter controls do.
 */
export function ListingLink({
  to,
  path,
  scroll = false,
  onClick,
  ...props
}: Omit<ComponentProps<typeof Link>, 'href'> & {
  to: ListingState;
  path?: string;
  scroll?: boolean;
}) {
  const { href, navigate } = useListingNavigation();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    const plain =
      event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
    if (event.defaultPrevented || !plain) return;
    event.preventDefault();
    navigate(to, { ...(path ? { path } : {}), scroll });
  };
  return <Link href={href(to, path)} prefetch={false} onClick={handleClick} {...props} />;
}
