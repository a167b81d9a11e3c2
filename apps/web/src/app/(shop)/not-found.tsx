import type { Metadata } from 'next';
import { NotFoundMessage } from '@/components/not-found-message';

export const metadata: Metadata = {
  title: 'Page not found',
};

/**
 * The shop's 404 (HTTP 404), inside its header and footer: for `notFound()` in shop pages and,
 * through the catch-all `[...path]` page, for URLs that match no page at all.
 */
export default function ShopNotFound() {
  return (
    <div className="flex min-h-[60dvh] items-center">
      <NotFoundMessage />
    </div>
  );
}
