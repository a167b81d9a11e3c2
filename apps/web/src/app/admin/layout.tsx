import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = {
  title: { template: '%s · Bazaar Admin', default: 'Bazaar Admin' },
  robots: { index: false, follow: false },
};

/**
 * The admin: `(console)` holds the guarded staff console; `(auth)` the pages a visitor needs
 * before they can use it (sign-in, accepting an invitation, enrolling in two-factor).
 */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return children;
}
