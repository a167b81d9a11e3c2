import type { Permission } from '@bazaar/contracts';

/** What each permission lets a staff member do, in words a shop owner uses. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  'catalog:write': 'Edit products, prices and stock',
  'orders:read': 'View orders',
  'orders:write': 'Fulfil, cancel and refund orders',
  'settings:write': 'Set up shipping, tax and discount codes',
  'customers:read': 'View customers',
  'staff:manage': 'Invite staff and manage roles',
  'reports:read': 'View reports',
  'audit:read': 'View the audit log',
};

export function can(permissions: readonly Permission[], permission: Permission | null) {
  return permission === null || permissions.includes(permission);
}
