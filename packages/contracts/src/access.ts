/** Staff permissions. Roles (rows in the database) grant sets of these. */
export const permissions = [
  'catalog:write',
  'orders:read',
  'orders:write',
  'settings:write',
  'customers:read',
  'staff:manage',
  'reports:read',
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Who may call a procedure. Every procedure declares one; there is no default.
 * - `public`: anyone, signed in or not.
 * - `user`: any signed-in customer or staff member (own account and security settings).
 * - `customer`: signed-in customers only.
 * - `staff`: staff members; with `permission`, only those whose role grants it.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'user' }
  | { kind: 'customer' }
  | { kind: 'staff'; permission: Permission | null };

export interface ProcedureMeta {
  access: Access;
}
