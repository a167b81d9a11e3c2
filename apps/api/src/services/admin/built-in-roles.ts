import { type Permission, permissions } from '@bazaar/contracts/server';
import { rolePermissions, roles } from '@bazaar/db/schema';
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';

interface BuiltInRole {
  name: string;
  description: string;
  permissions: readonly Permission[];
  requiresTwoFactor: boolean;
}

export const OWNER_ROLE = 'Owner';

export const builtInRoles: BuiltInRole[] = [
  {
    name: OWNER_ROLE,
    description: 'Everything, including staff and roles. Requires two-factor authentication.',
    permissions,
    requiresTwoFactor: true,
  },
  {
    name: 'Manager',
    description: 'Runs the shop day to day: catalog, orders, customers and reports.',
    permissions: [
      'catalog:write',
      'orders:read',
      'orders:write',
      'settings:write',
      'customers:read',
      'reports:read',
    ],
    requiresTwoFactor: false,
  },
  {
    name: 'Support',
    description: 'Helps customers: reads customers and orders, updates orders.',
    permissions: ['orders:read', 'orders:write', 'customers:read'],
    requiresTwoFactor: false,
  },
  {
    name: 'Catalog editor',
    description: 'Maintains products, variants, prices and stock.',
    permissions: ['catalog:write'],
    requiresTwoFactor: false,
  },
];

/**
 * Creates the built-in roles that are missing and gives them their permissions (idempotent, run on
 * every start). Permissions a shop removed from a built-in role are added back only for the Owner.
 */
export async function ensureBuiltInRoles(db: DbOrTx): Promise<void> {
  for (const role of builtInRoles) {
    const [row] = await db
      .insert(roles)
      .values({
        name: role.name,
        description: role.description,
        requiresTwoFactor: role.requiresTwoFactor,
        builtIn: true,
      })
      .onConflictDoUpdate({ target: roles.name, set: { builtIn: true } })
      .returning({ id: roles.id, created: sql<boolean>`xmax = 0` });
    if (!row) continue;
    if (!row.created && role.name !== OWNER_ROLE) continue;
    await db
      .insert(rolePermissions)
      .values(role.permissions.map((permission) => ({ roleId: row.id, permission })))
      .onConflictDoNothing();
  }
}

export async function roleIdByName(db: DbOrTx, name: string): Promise<string> {
  const [row] = await db.select({ id: roles.id }).from(roles).where(eq(roles.name, name));
  if (!row) throw new Error(`role ${name} missing; run ensureBuiltInRoles first`);
  return row.id;
}
