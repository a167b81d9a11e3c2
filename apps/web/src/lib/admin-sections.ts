import type { Permission } from '@bazaar/contracts';
import { can } from './permissions';

export interface AdminSection {
  href: string;
  label: string;
  icon: string;
  /** `null`: every staff member. */
  permission: Permission | null;
}

const ADMIN_SECTIONS: readonly AdminSection[] = [
  {
    href: '/admin',
    label: 'Dashboard',
    icon: 'M3 12 12 3l9 9M5 10v10h5v-6h4v6h5V10',
    permission: null,
  },
  {
    href: '/admin/products',
    label: 'Products',
    icon: 'M20 7 12 3 4 7m16 0-8 4m8-4v10l-8 4m0-10L4 7m8 4v10M4 7v10l8 4',
    permission: 'catalog:write',
  },
  {
    href: '/admin/categories',
    label: 'Categories',
    icon: 'M3 7h7l2 2h9v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V7Zm0 0V5a1 1 0 0 1 1-1h5l2 2',
    permission: 'catalog:write',
  },
  {
    href: '/admin/catalog-settings',
    label: 'Catalog settings',
    icon: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7.6 7.6 0 0 0-2-1.2L14.5 3h-4l-.4 2.6a7.6 7.6 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7.6 7.6 0 0 0 2 1.2l.4 2.6h4l.4-2.6a7.6 7.6 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2Z',
    permission: 'catalog:write',
  },
  {
    href: '/admin/orders',
    label: 'Orders',
    icon: 'M6 2 3 6v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6l-3-4H6ZM3 6h18M16 10a4 4 0 0 1-8 0',
    permission: 'orders:read',
  },
  {
    href: '/admin/customers',
    label: 'Customers',
    icon: 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm13 10v-2a4 4 0 0 0-3-3.87M16 3.13a4 4 0 0 1 0 7.75',
    permission: 'customers:read',
  },
  {
    href: '/admin/shipping',
    label: 'Shipping',
    icon: 'M1 3h15v13H1V3Zm15 5h4l3 3v5h-7V8ZM5.5 21a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Zm13 0a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z',
    permission: 'settings:write',
  },
  {
    href: '/admin/tax',
    label: 'Tax',
    icon: 'M19 5 5 19M6.5 9a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Zm11 11a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5Z',
    permission: 'settings:write',
  },
  {
    href: '/admin/discounts',
    label: 'Discounts',
    icon: 'M20.6 13.4 13.4 20.6a2 2 0 0 1-2.8 0L2 12V2h10l8.6 8.6a2 2 0 0 1 0 2.8ZM7 7h.01',
    permission: 'settings:write',
  },
  {
    href: '/admin/staff',
    label: 'Staff',
    icon: 'M17 21v-2a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v2M10 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8Zm9-3v6m3-3h-6',
    permission: 'staff:manage',
  },
  {
    href: '/admin/roles',
    label: 'Roles',
    icon: 'M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10Z',
    permission: 'staff:manage',
  },
  {
    href: '/admin/api-keys',
    label: 'API keys',
    icon: 'M15 7a4 4 0 1 1-3.9 4.9L3 20v-3h3v-3h3l2.1-2.1A4 4 0 0 1 15 7Zm1 3h.01',
    permission: 'staff:manage',
  },
  {
    href: '/admin/mailbox',
    label: 'Mailbox',
    icon: 'M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm18 2-10 7L2 6',
    permission: 'staff:manage',
  },
  {
    href: '/admin/security',
    label: 'Security',
    icon: 'M19 11H5a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-7a2 2 0 0 0-2-2ZM7 11V7a5 5 0 0 1 10 0v4',
    permission: null,
  },
];

/** The sections a staff member with `permissions` may open. */
export function visibleSections(permissions: readonly Permission[]): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => can(permissions, section.permission));
}

/** Whether `pathname` is in the section at `href` (the dashboard only for itself). */
export function isCurrentSection(pathname: string, href: string): boolean {
  if (href === '/admin') return pathname === '/admin';
  return pathname === href || pathname.startsWith(`${href}/`);
}
