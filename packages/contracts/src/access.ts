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

/** HTTP methods a REST route may use. */
export type RestMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A procedure's REST route in the OpenAPI document, relative to where the API mounts it
 * (`/api/v1`). The shape is trpc-to-openapi's `meta.openapi`, declared here so the published
 * package does not depend on it. Path parameters name input fields: `/products/{slug}`.
 */
export interface RestRoute {
  method: RestMethod;
  path: `/${string}`;
  summary: string;
  description?: string;
  tags: string[];
  /** Needs a signed-in session (set from the procedure's access, not by hand). */
  protect: boolean;
}

export interface ProcedureMeta {
  access: Access;
  /** Public and customer procedures may also be REST routes; staff procedures never are. */
  openapi?: RestRoute;
}
