/** Staff permissions. Roles (rows in the database) grant sets of these. */
export const permissions = [
  'catalog:write',
  'orders:read',
  'orders:write',
  'customers:read',
  'staff:manage',
  'reports:read',
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];

/** Who may call a procedure. Every procedure declares one; there is no default. */
export type Access =
  | { kind: 'public' }
  | { kind: 'customer' }
  | { kind: 'staff'; permission: Permission };

export interface ProcedureMeta {
  access: Access;
}
