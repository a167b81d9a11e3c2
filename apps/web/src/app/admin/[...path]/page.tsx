import type { Metadata } from 'next';
import { notFound } from 'next/navigation';

// The not-found page's own title does not reach a page that matched a route.
export const metadata: Metadata = {
  title: 'Page not found',
};

/** Unknown admin URLs keep the plain root 404 rather than falling through to the shop's. */
export default function UnknownAdminPage(): never {
  notFound();
}
