import { AppError, type Permission } from '@bazaar/contracts/server';
import { rolePermissions, roles } from '@bazaar/db/schema';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db.ts';
import { getUser } from '../accounts/users.ts';

export async function permissionsOf(db: DbOrTx, roleId: string): Promise<Set<Permission>> {
  const rows = await db
    .select({ permission: rolePermissions.permission })
    .from(rolePermissions)
    .where(eq(rolePermissions.roleId, roleId));
  return new Set(rows.map((r) => r.permission as Permission));
}

/**
 * Nobody hands out permissions they do not hold themselves (to a person or to an API key).
 * Answers the role's permissions.
 */
export async function assertMayGrant(
  tx: DbOrTx,
  actorId: string,
  roleId: string,
): Promise<Set<Permission>> {
  const actor = await getUser(tx, actorId);
  const [role] = await tx.select({ id: roles.id }).from(roles).where(eq(roles.id, roleId));
  if (!role)
    throw new AppError('BAD_REQUEST', 'Unknown role', {
      fieldErrors: { roleId: ['Unknown role'] },
    });
  const granted = await permissionsOf(tx, roleId);
  const held = actor.roleId ? await permissionsOf(tx, actor.roleId) : new Set<Permission>();
  if ([...granted].some((p) => !held.has(p)))
    throw new AppError('FORBIDDEN', 'You cannot grant a role with permissions you do not have');
  return granted;
}
