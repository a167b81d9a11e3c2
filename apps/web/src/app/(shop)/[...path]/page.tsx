import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

// The not-found page's own title does not reach a page that matched a route.
export const metadata: Metadata = {
  title: 'Page not found',
};

/**
 * Any URL that matches no other page. The root not-found page is rendered outside the shop's
 * layout; sending unknown URLs here shows the shop's own 404, with its header and footer.
 */
export default function UnknownShopPage(): never {
  notFound();
}
